//! Organisations on both engines: who belongs to which org (ACC-7), who may
//! change it (ORG-1), invitations (ORG-2), rights and roles (ORG-3), teams
//! (ORG-4), leaving (ORG-5), the legal representative's hand-over (ORG-6),
//! billing addresses (ORG-7), the audit log (OPS-5) and API token scopes
//! (API-1). Every actor is made as the web layer makes it: a console
//! session or an API token, from 203.0.113.7.

use guichet_core::ids::{BillingAddressId, InvitationId, OrgId, TeamId, UserId};
use std::sync::Arc;

use guichet_core::{
    ErrorKind, Result,
    access::Actor,
    accounts::{self, SignUp},
    audit::Filter,
    both_engines,
    i18n::Lang,
    orgs::{
        self, Currency, Invite, MemberChange, OrgInput, OrgKind, Role, TeamInput,
        address::AddressInput,
    },
    testing::TestApp,
};
use jiff::SignedDuration;

use crate::orgs_support::*;

// ---------------------------------------------------------------- ACC-7

both_engines!(signing_up_through_an_invitation_makes_no_personal_org);
async fn signing_up_through_an_invitation_makes_no_personal_org(app: Arc<TestApp>) {
    // proves: ACC-7, ORG-2
    let ctx = &app.ctx;
    let org = org_made_by(&app, "lea@example.test").await;
    app.advance(SignedDuration::from_secs(1));
    orgs::invite(
        ctx,
        &org.legal.actor,
        &org.id,
        invite("ada@example.test", Role::User, &[]),
    )
    .await
    .unwrap();
    let token = invitation_token(&app, "ada@example.test").await;
    let verified = async |email: &str, invitation: Option<&str>| {
        // A second apart, the verification is the newest mail to its
        // address (Ada's invitation came before it).
        app.advance(SignedDuration::from_secs(1));
        let sign_up = SignUp {
            email,
            password: PASSWORD,
            name: "",
            language: Lang::En,
            invitation,
        };
        accounts::sign_up(ctx, sign_up, &meta()).await.unwrap();
        let link = app.last_mail_to(&email.to_lowercase()).await;
        accounts::verify_email(ctx, &secret_after(&link.text, "token="), &meta())
            .await
            .unwrap();
        signed_in(&app, email).await
    };

    // Ada's link in someone else's sign-up changes nothing for them: they
    // sign up alone and get their personal organisation.
    let bob = verified("bob@example.test", Some(&token)).await;
    assert_eq!(orgs::list_orgs(ctx, &bob).await.unwrap().len(), 1);
    // Nor does a link that is no invitation.
    let cy = verified("cy@example.test", Some("no-such-link")).await;
    assert_eq!(orgs::list_orgs(ctx, &cy).await.unwrap().len(), 1);

    // Ada signs up through her own link (her address written otherwise):
    // she came to join, and gets no organisation of her own.
    let ada = verified("Ada@Example.test", Some(&token)).await;
    assert!(orgs::list_orgs(ctx, &ada).await.unwrap().is_empty());
    orgs::accept_invitation(ctx, &ada, &token).await.unwrap();
    let all = orgs::list_orgs(ctx, &ada).await.unwrap();
    assert_eq!(
        all.iter()
            .map(|o| (o.id.as_str(), o.role))
            .collect::<Vec<_>>(),
        [(org.id.as_str(), Role::User)]
    );
}

both_engines!(signing_up_alone_makes_a_personal_org_led_by_the_new_user);
async fn signing_up_alone_makes_a_personal_org_led_by_the_new_user(app: Arc<TestApp>) {
    // proves: ACC-7, ORG-1
    let ctx = &app.ctx;
    let sign_up = SignUp {
        email: "ada@example.test",
        password: PASSWORD,
        name: "Ada Lovelace",
        language: Lang::Fr,
        invitation: None,
    };
    accounts::sign_up(ctx, sign_up, &meta()).await.unwrap();
    let link = app.last_mail_to("ada@example.test").await;
    accounts::verify_email(ctx, &secret_after(&link.text, "token="), &meta())
        .await
        .unwrap();
    let ada = signed_in(&app, "ada@example.test").await;

    let all = orgs::list_orgs(ctx, &ada).await.unwrap();
    assert_eq!(all.len(), 1, "{all:?}");
    let personal = &all[0];
    assert_eq!(
        (personal.name.as_str(), personal.kind, personal.role),
        (
            "Ada Lovelace",
            OrgKind::Individual,
            Role::LegalRepresentative
        )
    );
    let members = orgs::list_members(ctx, &ada, &personal.id).await.unwrap();
    assert_eq!(
        members.len(),
        1,
        "the new user is the only member: {members:?}"
    );
    assert_eq!(
        (members[0].user_id.as_str(), members[0].role),
        (ada.user_id.as_str(), Role::LegalRepresentative)
    );
    let view = orgs::get_org(ctx, &ada, &personal.id).await.unwrap();
    assert_eq!(
        view.language,
        Some(Lang::Fr),
        "the personal org speaks its user's language"
    );
}

both_engines!(a_user_belongs_to_several_orgs_and_switches_between_them);
async fn a_user_belongs_to_several_orgs_and_switches_between_them(app: Arc<TestApp>) {
    // proves: ACC-7, ORG-1
    let ctx = &app.ctx;
    let other = org_made_by(&app, "bob@example.test").await;
    let ada = join(&app, &other, "ada@example.test", Role::User, &[]).await;
    let company = orgs::create_org(ctx, &ada.actor, named("Ada Consulting"))
        .await
        .unwrap();
    assert_eq!(
        company.role,
        Role::LegalRepresentative,
        "the creator is the legal representative"
    );
    assert_eq!(company.kind, OrgKind::Company);
    let members = orgs::list_members(ctx, &ada.actor, &company.id)
        .await
        .unwrap();
    assert_eq!(
        members
            .iter()
            .map(|m| (m.user_id.as_str(), m.role))
            .collect::<Vec<_>>(),
        [(ada.id.as_str(), Role::LegalRepresentative)]
    );

    // One login, three organisations: the personal one, hers, and Bob's.
    let mut all: Vec<_> = orgs::list_orgs(ctx, &ada.actor)
        .await
        .unwrap()
        .into_iter()
        .map(|o| (o.id, o.role))
        .collect();
    all.sort();
    let personal = all
        .iter()
        .find(|(id, _)| *id != company.id && *id != other.id)
        .unwrap()
        .0
        .clone();
    let mut expected = vec![
        (personal.clone(), Role::LegalRepresentative),
        (company.id.clone(), Role::LegalRepresentative),
        (other.id.clone(), Role::User),
    ];
    expected.sort();
    assert_eq!(all, expected);
    // Switching is only a matter of naming the org: each opens at once.
    for (id, role) in &expected {
        let view = orgs::get_org(ctx, &ada.actor, id).await.unwrap();
        assert_eq!((&view.id, view.role), (id, *role));
    }
    assert_eq!(
        orgs::get_org(ctx, &ada.actor, &other.id)
            .await
            .unwrap()
            .name,
        ORG_NAME
    );
}

// ---------------------------------------------------------------- ORG-1

fn address(name: &str, postcode: &str) -> AddressInput {
    AddressInput {
        name: name.into(),
        street: "Rue du Lac".into(),
        building_number: "12".into(),
        postcode: postcode.into(),
        town: "Genève".into(),
        country: "CH".into(),
    }
}

fn rights(items: &[&str]) -> MemberChange {
    MemberChange {
        role: None,
        rights: Some(strings(items)),
    }
}

fn role(r: Role) -> MemberChange {
    MemberChange {
        role: Some(r),
        rights: None,
    }
}

/// Every change ORG-1 keeps to the legal representative and owners, tried
/// by `actor` on `org_id`, with what each answered. `member` is the entry
/// changed and then removed.
async fn try_every_change(
    app: &TestApp,
    actor: &Actor,
    org_id: &OrgId,
    member: &UserId,
) -> Vec<(&'static str, Result<()>)> {
    let ctx = &app.ctx;
    let team = TeamInput {
        name: Some("Support".into()),
        members: Some(vec![member.to_string()]),
        rights: Some(strings(&["kind:domain"])),
    };
    let invite = Invite {
        email: "newcomer@example.test",
        role: Role::User,
        rights: strings(&["billing:view"]),
    };
    vec![
        (
            "update_org",
            orgs::update_org(ctx, actor, org_id, named("Renamed SA"))
                .await
                .map(drop),
        ),
        (
            "invite",
            orgs::invite(ctx, actor, org_id, invite).await.map(drop),
        ),
        (
            "update_member rights",
            orgs::update_member(ctx, actor, org_id, member, rights(&["kind:domain"]))
                .await
                .map(drop),
        ),
        (
            "update_member role",
            orgs::update_member(ctx, actor, org_id, member, role(Role::Owner))
                .await
                .map(drop),
        ),
        (
            "save_team",
            orgs::save_team(ctx, actor, org_id, None, team)
                .await
                .map(drop),
        ),
        (
            "save_address",
            orgs::save_address(
                ctx,
                actor,
                org_id,
                None,
                &address("Example SA", "1204"),
                true,
            )
            .await
            .map(drop),
        ),
        (
            "audit_log",
            orgs::audit_log(ctx, actor, org_id, &Filter::default(), 0, 10)
                .await
                .map(drop),
        ),
        (
            "remove_members",
            orgs::remove_members(ctx, actor, org_id, &[member.to_string()]).await,
        ),
    ]
}

/// What owners made (an invitation, a team, an address), for the changes of
/// existing things.
struct Made {
    invitation: InvitationId,
    team: TeamId,
    address: BillingAddressId,
}

async fn owners_make_things(app: &TestApp, crew: &Crew) -> Made {
    let (ctx, by, org) = (&app.ctx, &crew.owner.actor, crew.id());
    let sent = orgs::invite(ctx, by, org, invite("later@example.test", Role::User, &[]));
    let invitation = sent.await.unwrap().id;
    let t = orgs::save_team(ctx, by, org, None, team("Ops", &[], &[]));
    let team = t.await.unwrap().id;
    let head = address("Head office", "1204");
    let a = orgs::save_address(ctx, by, org, None, &head, true);
    Made {
        invitation,
        team,
        address: a.await.unwrap().id,
    }
}

/// The changes of existing things ORG-1 keeps to admins, tried by `actor`.
async fn try_changes_of(
    app: &TestApp,
    actor: &Actor,
    org_id: &OrgId,
    made: &Made,
) -> Vec<(&'static str, Result<()>)> {
    let ctx = &app.ctx;
    let rename = TeamInput {
        name: Some("Mine".into()),
        ..TeamInput::default()
    };
    vec![
        (
            "list_invitations",
            orgs::list_invitations(ctx, actor, org_id).await.map(drop),
        ),
        (
            "resend_invitation",
            orgs::resend_invitation(ctx, actor, org_id, &made.invitation)
                .await
                .map(drop),
        ),
        (
            "revoke_invitation",
            orgs::revoke_invitation(ctx, actor, org_id, &made.invitation).await,
        ),
        (
            "rename team",
            orgs::save_team(ctx, actor, org_id, Some(&made.team), rename)
                .await
                .map(drop),
        ),
        (
            "delete_team",
            orgs::delete_team(ctx, actor, org_id, &made.team).await,
        ),
        (
            "change address",
            orgs::save_address(
                ctx,
                actor,
                org_id,
                Some(&made.address),
                &address("Mine", "1204"),
                true,
            )
            .await
            .map(drop),
        ),
        (
            "delete_address",
            orgs::delete_address(ctx, actor, org_id, &made.address).await,
        ),
    ]
}

both_engines!(only_the_legal_representative_and_owners_change_an_org);
async fn only_the_legal_representative_and_owners_change_an_org(app: Arc<TestApp>) {
    // proves: ORG-1
    let crew = org_with_owner_and_user(&app).await;
    // A restricted user cannot, not even for their own entry.
    for (what, answer) in try_every_change(&app, &crew.user.actor, crew.id(), &crew.user.id).await {
        assert_eq!(refusal(answer), forbidden(), "a restricted user's {what}");
    }
    assert_eq!(
        refusal(orgs::start_handover(&app.ctx, &crew.user.actor, crew.id(), &crew.owner.id).await),
        forbidden()
    );
    assert_eq!(
        refusal(orgs::list_members(&app.ctx, &crew.user.actor, crew.id()).await),
        forbidden(),
        "no `members` right"
    );
    assert_eq!(
        rights_of(&app, crew.id(), &crew.user.id).await,
        Vec::<String>::new(),
        "nothing changed"
    );
    assert_eq!(
        role_of(&app, crew.id(), &crew.user.id).await,
        Some(Role::User)
    );
    let made = owners_make_things(&app, &crew).await;
    for (what, answer) in try_changes_of(&app, &crew.user.actor, crew.id(), &made).await {
        assert_eq!(refusal(answer), forbidden(), "a restricted user's {what}");
    }
    let invitations = orgs::list_invitations(&app.ctx, &crew.owner.actor, crew.id()).await;
    assert_eq!(invitations.unwrap().len(), 1, "the invitation stands");
    assert_eq!(
        orgs::list_teams(&app.ctx, &crew.owner.actor, crew.id())
            .await
            .unwrap()[0]
            .name,
        "Ops"
    );
    let addresses = orgs::list_addresses(&app.ctx, &crew.owner.actor, crew.id()).await;
    assert_eq!(addresses.unwrap()[0].name, "Head office");
    // An owner can, on the same entry and things.
    for (what, answer) in try_changes_of(&app, &crew.owner.actor, crew.id(), &made).await {
        assert!(answer.is_ok(), "an owner's {what}: {answer:?}");
    }
    for (what, answer) in try_every_change(&app, &crew.owner.actor, crew.id(), &crew.user.id).await
    {
        assert!(answer.is_ok(), "an owner's {what}: {answer:?}");
    }
    assert_eq!(
        role_of(&app, crew.id(), &crew.user.id).await,
        None,
        "removed at the end"
    );
    assert_eq!(
        orgs::get_org(&app.ctx, &crew.owner.actor, crew.id())
            .await
            .unwrap()
            .name,
        "Renamed SA"
    );
}

both_engines!(an_org_does_not_exist_for_those_outside_it);
async fn an_org_does_not_exist_for_those_outside_it(app: Arc<TestApp>) {
    // proves: ORG-1
    let crew = org_with_owner_and_user(&app).await;
    let theirs = org_made_by(&app, "stranger@example.test").await;
    let (ctx, org, s) = (&app.ctx, crew.id(), &theirs.legal.actor);
    // 404, never 403: a stranger cannot even learn that the org exists.
    for (what, answer) in try_every_change(&app, s, org, &crew.user.id).await {
        assert_eq!(refusal(answer), not_found(), "a stranger's {what}");
    }
    let made = owners_make_things(&app, &crew).await;
    for (what, answer) in try_changes_of(&app, s, org, &made).await {
        assert_eq!(refusal(answer), not_found(), "a stranger's {what}");
    }
    // Nor through their own org: ids of another org's things are unknown there.
    for (what, answer) in try_changes_of(&app, s, &theirs.id, &made).await {
        if what != "list_invitations" {
            assert_eq!(
                refusal(answer),
                not_found(),
                "{what} through the stranger's org"
            );
        }
    }
    let teams = orgs::list_teams(ctx, &crew.owner.actor, org).await.unwrap();
    assert_eq!(teams.len(), 1, "the team stands");
    let reads: Vec<(&str, Result<()>)> = vec![
        ("get_org", orgs::get_org(ctx, s, org).await.map(drop)),
        (
            "list_members",
            orgs::list_members(ctx, s, org).await.map(drop),
        ),
        ("list_teams", orgs::list_teams(ctx, s, org).await.map(drop)),
        (
            "list_invitations",
            orgs::list_invitations(ctx, s, org).await.map(drop),
        ),
        (
            "list_addresses",
            orgs::list_addresses(ctx, s, org).await.map(drop),
        ),
        (
            "pending_handover",
            orgs::pending_handover(ctx, s, org).await.map(drop),
        ),
        (
            "start_handover",
            orgs::start_handover(ctx, s, org, &crew.owner.id)
                .await
                .map(drop),
        ),
        ("accept_handover", orgs::accept_handover(ctx, s, org).await),
        ("leave_org", orgs::leave_org(ctx, s, org).await),
    ];
    for (what, answer) in reads {
        assert_eq!(refusal(answer), not_found(), "a stranger's {what}");
    }
    assert_eq!(
        refusal(orgs::get_org(ctx, s, &OrgId::from_stored("org_does_not_exist".into())).await),
        not_found(),
        "alike for an org that does not exist"
    );
    assert_eq!(
        role_of(&app, org, &crew.user.id).await,
        Some(Role::User),
        "nothing changed"
    );
}

both_engines!(a_restricted_user_sees_the_settings_only_with_the_settings_right);
async fn a_restricted_user_sees_the_settings_only_with_the_settings_right(app: Arc<TestApp>) {
    // proves: ORG-1
    let crew = org_with_owner_and_user(&app).await;
    let ctx = &app.ctx;
    let vat = OrgInput {
        vat_number: Some(Some("CHE-116.281.710".into())),
        ..OrgInput::default()
    };
    orgs::update_org(ctx, &crew.owner.actor, crew.id(), vat)
        .await
        .unwrap();
    let plain = orgs::get_org(ctx, &crew.user.actor, crew.id())
        .await
        .unwrap();
    assert_eq!((plain.name.as_str(), plain.role), (ORG_NAME, Role::User));
    assert_eq!(
        (
            plain.country,
            plain.language,
            plain.currency,
            plain.currency_locked,
            plain.vat_number
        ),
        (None, None, None, None, None)
    );

    orgs::update_member(
        ctx,
        &crew.owner.actor,
        crew.id(),
        &crew.user.id,
        rights(&["settings"]),
    )
    .await
    .unwrap();
    let with_right = orgs::get_org(ctx, &crew.user.actor, crew.id())
        .await
        .unwrap();
    let owners = orgs::get_org(ctx, &crew.owner.actor, crew.id())
        .await
        .unwrap();
    for v in [&with_right, &owners] {
        assert_eq!(
            v.country.as_deref(),
            Some(ctx.config.default_country.as_str())
        );
        assert_eq!(v.vat_number.as_deref(), Some("CHE-116.281.710"));
        assert!(v.currency.is_some() && v.language.is_some());
        assert_eq!(v.currency_locked, Some(false));
    }
    assert_eq!(with_right.rights, ["settings"]);
    // Seeing is not changing.
    assert_eq!(
        refusal(orgs::update_org(ctx, &crew.user.actor, crew.id(), named("Mine")).await),
        forbidden()
    );
}

// ---------------------------------------------------------------- org data

both_engines!(vat_numbers_are_checked_and_normalised);
async fn vat_numbers_are_checked_and_normalised(app: Arc<TestApp>) {
    // proves: ORG-1
    // (An owner changes the org's data; the VAT format rules are ours: no SPEC id.)
    let org = org_made_by(&app, "legal@example.test").await;
    let set = |v: &str| OrgInput {
        vat_number: Some(Some(v.into())),
        ..OrgInput::default()
    };
    let update = |input| orgs::update_org(&app.ctx, &org.legal.actor, &org.id, input);
    assert_eq!(
        update(set("che 116 281 710"))
            .await
            .unwrap()
            .vat_number
            .as_deref(),
        Some("CHE-116.281.710")
    );
    assert_eq!(
        update(set("CHE-116.281.710 mwst"))
            .await
            .unwrap()
            .vat_number
            .as_deref(),
        Some("CHE-116.281.710 MWST")
    );
    assert_eq!(
        refusal(update(set("CHE-116.281.711")).await),
        invalid("invalid_vat_number"),
        "wrong check digit"
    );
    assert_eq!(
        refusal(update(set("CHE-116.281.71")).await),
        invalid("invalid_vat_number"),
        "too short"
    );
    assert_eq!(
        update(set("de 123 456 789"))
            .await
            .unwrap()
            .vat_number
            .as_deref(),
        Some("DE123456789"),
        "EU pattern"
    );
    assert_eq!(
        update(set("ATU12345678"))
            .await
            .unwrap()
            .vat_number
            .as_deref(),
        Some("ATU12345678")
    );
    for bad in ["DE12345678", "ATX12345678", "US123456789"] {
        assert_eq!(
            refusal(update(set(bad)).await),
            invalid("invalid_vat_number"),
            "{bad}"
        );
    }
    let view = orgs::get_org(&app.ctx, &org.legal.actor, &org.id)
        .await
        .unwrap();
    assert_eq!(
        view.vat_number.as_deref(),
        Some("ATU12345678"),
        "a refused number changes nothing"
    );
    let removed = update(OrgInput {
        vat_number: Some(None),
        ..OrgInput::default()
    })
    .await
    .unwrap();
    assert_eq!(removed.vat_number, None);
    let refused = OrgInput {
        country: Some("XX".into()),
        name: Some(" ".into()),
        ..OrgInput::default()
    };
    let Err(guichet_core::Error::Validation(fields)) = update(refused).await else {
        panic!("validation expected")
    };
    let mut codes: Vec<_> = fields
        .iter()
        .map(|f| (f.attribute.as_str(), f.code))
        .collect();
    codes.sort();
    assert_eq!(
        codes,
        [("country", "invalid_country"), ("name", "invalid_name")],
        "every invalid field at once"
    );
}

both_engines!(the_currency_is_fixed_once_the_org_is_invoiced);
async fn the_currency_is_fixed_once_the_org_is_invoiced(app: Arc<TestApp>) {
    // proves: ORG-1
    // (No SPEC id for the lock itself: BIL-1 invoices in the org's currency,
    // so it cannot change under issued invoices.)
    let org = org_made_by(&app, "legal@example.test").await;
    let currency = |c| OrgInput {
        currency: Some(c),
        ..OrgInput::default()
    };
    let update = |input| orgs::update_org(&app.ctx, &org.legal.actor, &org.id, input);
    let eur = update(currency(Currency::Eur)).await.unwrap();
    assert_eq!(
        (eur.currency, eur.currency_locked),
        (Some(Currency::Eur), Some(false))
    );
    assert_eq!(
        update(currency(Currency::Chf)).await.unwrap().currency,
        Some(Currency::Chf),
        "free while nothing is invoiced"
    );
    // Billing sets this when it issues the first invoice.
    execute(
        &app,
        "UPDATE orgs SET first_invoice_at = 1773133200000 WHERE id = $1",
        &[&org.id],
    )
    .await
    .unwrap();
    assert_eq!(
        refusal(update(currency(Currency::Eur)).await),
        conflict("currency_locked")
    );
    let same = OrgInput {
        currency: Some(Currency::Chf),
        name: Some("Example AG".into()),
        ..OrgInput::default()
    };
    let kept = update(same).await.unwrap();
    assert_eq!(
        (kept.name.as_str(), kept.currency, kept.currency_locked),
        ("Example AG", Some(Currency::Chf), Some(true)),
        "the rest still changes"
    );
    let view = orgs::get_org(&app.ctx, &org.legal.actor, &org.id)
        .await
        .unwrap();
    assert_eq!(
        (view.currency, view.currency_locked),
        (Some(Currency::Chf), Some(true))
    );
}

// ---------------------------------------------------------------- ORG-2 invitations

fn invite<'a>(email: &'a str, r: Role, rights: &[&str]) -> Invite<'a> {
    Invite {
        email,
        role: r,
        rights: strings(rights),
    }
}

both_engines!(an_invited_person_signs_up_and_joins_with_the_role_and_rights_chosen);
async fn an_invited_person_signs_up_and_joins_with_the_role_and_rights_chosen(app: Arc<TestApp>) {
    // proves: ORG-2
    let ctx = &app.ctx;
    let org = org_made_by(&app, "legal@example.test").await;
    orgs::update_org(
        ctx,
        &org.legal.actor,
        &org.id,
        OrgInput {
            language: Some(Lang::De),
            ..OrgInput::default()
        },
    )
    .await
    .unwrap();
    let sent = orgs::invite(
        ctx,
        &org.legal.actor,
        &org.id,
        invite(
            "Neu@Example.test",
            Role::User,
            &["kind:domain", "billing:view", "product:prd_1"],
        ),
    )
    .await
    .unwrap();
    assert_eq!((sent.status.as_str(), sent.role), ("pending", Role::User));

    // No account yet: the mail is in the org's language and carries the link.
    let mail = app.last_mail_to("neu@example.test").await;
    assert_eq!(
        (mail.template.as_str(), mail.lang),
        ("org_invitation", Lang::De)
    );
    assert!(mail.subject.contains(ORG_NAME), "{mail:?}");
    let link = format!(
        "{}/invitations/",
        ctx.config.public_url.trim_end_matches('/')
    );
    assert!(mail.text.contains(&link), "{}", mail.text);
    let token = secret_after(&mail.text, "/invitations/");
    let preview = orgs::preview_invitation(ctx, &token).await.unwrap();
    assert_eq!(
        (
            preview.org_id.as_str(),
            preview.status.as_str(),
            preview.role
        ),
        (org.id.as_str(), "pending", Role::User)
    );

    let neu = person(&app, "neu@example.test").await;
    let joined = orgs::accept_invitation(ctx, &neu.actor, &token)
        .await
        .unwrap();
    assert_eq!(
        (joined.id.as_str(), joined.role),
        (org.id.as_str(), Role::User)
    );
    let members = orgs::list_members(ctx, &org.legal.actor, &org.id)
        .await
        .unwrap();
    let entry = members.iter().find(|m| m.user_id == neu.id).unwrap();
    let mut granted = entry.rights.clone();
    granted.sort();
    assert_eq!(
        (entry.role, granted),
        (
            Role::User,
            strings(&["billing:view", "kind:domain", "product:prd_1"])
        )
    );
    assert!(
        orgs::list_invitations(ctx, &org.legal.actor, &org.id)
            .await
            .unwrap()
            .is_empty(),
        "an accepted invitation is no longer listed"
    );
    assert_eq!(
        orgs::preview_invitation(ctx, &token).await.unwrap().status,
        "accepted"
    );
    // Accepting twice fails.
    assert_eq!(
        refusal(orgs::accept_invitation(ctx, &neu.actor, &token).await),
        conflict("already_member")
    );

    // An existing account is attached the same way, in its own language.
    let carol = person(&app, "carol@example.test").await;
    orgs::invite(
        ctx,
        &org.legal.actor,
        &org.id,
        invite(&carol.email, Role::Owner, &[]),
    )
    .await
    .unwrap();
    assert_eq!(app.last_mail_to(&carol.email).await.lang, Lang::En);
    let token = invitation_token(&app, &carol.email).await;
    assert_eq!(
        orgs::accept_invitation(ctx, &carol.actor, &token)
            .await
            .unwrap()
            .role,
        Role::Owner
    );
    assert_eq!(role_of(&app, &org.id, &carol.id).await, Some(Role::Owner));
}

both_engines!(inviting_a_member_or_a_pending_address_again_is_refused);
async fn inviting_a_member_or_a_pending_address_again_is_refused(app: Arc<TestApp>) {
    // proves: ORG-2
    let crew = org_with_owner_and_user(&app).await;
    let (ctx, owner, org) = (&app.ctx, &crew.owner.actor, crew.id());
    assert_eq!(
        refusal(
            orgs::invite(
                ctx,
                owner,
                org,
                invite("USER@example.test", Role::User, &[])
            )
            .await
        ),
        conflict("already_member")
    );
    assert_eq!(
        refusal(
            orgs::invite(
                ctx,
                owner,
                org,
                invite(&crew.legal().email, Role::Owner, &[])
            )
            .await
        ),
        conflict("already_member")
    );
    orgs::invite(ctx, owner, org, invite("new@example.test", Role::User, &[]))
        .await
        .unwrap();
    assert_eq!(
        refusal(
            orgs::invite(
                ctx,
                owner,
                org,
                invite("New@Example.test", Role::Owner, &[])
            )
            .await
        ),
        conflict("invitation_pending")
    );
    assert_eq!(
        refusal(orgs::invite(ctx, owner, org, invite("not an address", Role::User, &[])).await).0,
        ErrorKind::Validation
    );
    let legal = Invite {
        email: "other@example.test",
        role: Role::LegalRepresentative,
        rights: vec![],
    };
    assert_eq!(
        refusal(orgs::invite(&app.ctx, &crew.owner.actor, crew.id(), legal).await),
        invalid("invalid_role")
    );
    assert_eq!(
        refusal(send_with_rights(&app, &crew, &["admin"]).await),
        invalid("unknown_right")
    );
    assert_eq!(
        orgs::list_invitations(&app.ctx, &crew.owner.actor, crew.id())
            .await
            .unwrap()
            .len(),
        1
    );
}

async fn send_with_rights(app: &TestApp, crew: &Crew, r: &[&str]) -> Result<orgs::InvitationView> {
    orgs::invite(
        &app.ctx,
        &crew.owner.actor,
        crew.id(),
        invite("rights@example.test", Role::User, r),
    )
    .await
}

both_engines!(a_resent_invitation_has_a_new_link_and_the_old_one_stops);
async fn a_resent_invitation_has_a_new_link_and_the_old_one_stops(app: Arc<TestApp>) {
    // proves: ORG-2
    let ctx = &app.ctx;
    let org = org_made_by(&app, "legal@example.test").await;
    let sent = orgs::invite(
        ctx,
        &org.legal.actor,
        &org.id,
        invite("neu@example.test", Role::User, &[]),
    )
    .await
    .unwrap();
    let first = invitation_token(&app, "neu@example.test").await;
    app.advance_days(5);
    let again = orgs::resend_invitation(ctx, &org.legal.actor, &org.id, &sent.id)
        .await
        .unwrap();
    assert_eq!(
        again.expires_at,
        app.ctx.clock.now().as_second() + 7 * 86_400,
        "valid 7 days from the resend"
    );
    assert_eq!(app.mails_to("neu@example.test").await.len(), 2);
    let second = invitation_token(&app, "neu@example.test").await;
    assert_ne!(first, second);
    let neu = person(&app, "neu@example.test").await;
    app.advance_days(5); // past the first link's week, within the second's
    assert_eq!(
        refusal(orgs::accept_invitation(ctx, &neu.actor, &first).await),
        (ErrorKind::BadRequest, "invalid_invitation")
    );
    assert_eq!(
        orgs::accept_invitation(ctx, &neu.actor, &second)
            .await
            .unwrap()
            .id,
        org.id
    );
}

both_engines!(a_revoked_invitation_link_is_invalid);
async fn a_revoked_invitation_link_is_invalid(app: Arc<TestApp>) {
    // proves: ORG-2
    let ctx = &app.ctx;
    let org = org_made_by(&app, "legal@example.test").await;
    let sent = orgs::invite(
        ctx,
        &org.legal.actor,
        &org.id,
        invite("neu@example.test", Role::Owner, &[]),
    )
    .await
    .unwrap();
    let token = invitation_token(&app, "neu@example.test").await;
    orgs::revoke_invitation(ctx, &org.legal.actor, &org.id, &sent.id)
        .await
        .unwrap();
    assert!(
        orgs::list_invitations(ctx, &org.legal.actor, &org.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        orgs::preview_invitation(ctx, &token).await.unwrap().status,
        "revoked"
    );
    let neu = person(&app, "neu@example.test").await;
    assert_eq!(
        refusal(orgs::accept_invitation(ctx, &neu.actor, &token).await),
        (ErrorKind::BadRequest, "invalid_invitation")
    );
    assert_eq!(
        refusal(orgs::revoke_invitation(ctx, &org.legal.actor, &org.id, &sent.id).await),
        not_found(),
        "revoked once"
    );
    assert_eq!(
        refusal(orgs::resend_invitation(ctx, &org.legal.actor, &org.id, &sent.id).await),
        not_found(),
        "a revoked one is not sent again"
    );
    assert_eq!(role_of(&app, &org.id, &neu.id).await, None);
}

both_engines!(an_invitation_expires_after_seven_days);
async fn an_invitation_expires_after_seven_days(app: Arc<TestApp>) {
    // proves: ORG-2
    let ctx = &app.ctx;
    let org = org_made_by(&app, "legal@example.test").await;
    orgs::invite(
        ctx,
        &org.legal.actor,
        &org.id,
        invite("neu@example.test", Role::User, &[]),
    )
    .await
    .unwrap();
    let token = invitation_token(&app, "neu@example.test").await;
    let neu = person(&app, "neu@example.test").await;
    let (legal, org_id) = (&org.legal.actor, &org.id);
    let status = || async move {
        orgs::list_invitations(ctx, legal, org_id).await.unwrap()[0]
            .status
            .clone()
    };
    app.advance_days(7);
    app.advance(SignedDuration::from_secs(-1));
    assert_eq!(
        status().await,
        "pending",
        "one second before the week is over"
    );
    app.advance(SignedDuration::from_secs(1));
    assert_eq!(status().await, "expired", "at the end of the week");
    assert_eq!(
        orgs::preview_invitation(ctx, &token).await.unwrap().status,
        "expired"
    );
    assert_eq!(
        refusal(orgs::accept_invitation(ctx, &neu.actor, &token).await),
        (ErrorKind::BadRequest, "invalid_invitation")
    );
    app.advance_days(1);
    assert_eq!(
        refusal(orgs::accept_invitation(ctx, &neu.actor, &token).await),
        (ErrorKind::BadRequest, "invalid_invitation")
    );
    assert_eq!(role_of(&app, &org.id, &neu.id).await, None);
    // An expired invitation does not block a new one.
    orgs::invite(
        ctx,
        &org.legal.actor,
        &org.id,
        invite("neu@example.test", Role::User, &[]),
    )
    .await
    .unwrap();
    let fresh = invitation_token(&app, "neu@example.test").await;
    assert_eq!(
        orgs::accept_invitation(ctx, &neu.actor, &fresh)
            .await
            .unwrap()
            .id,
        org.id
    );
}

both_engines!(an_expired_invitation_is_not_sent_again_over_a_newer_one_or_to_a_member);
async fn an_expired_invitation_is_not_sent_again_over_a_newer_one_or_to_a_member(
    app: Arc<TestApp>,
) {
    // proves: ORG-2
    let ctx = &app.ctx;
    let org = org_made_by(&app, "legal@example.test").await;
    let (legal, org_id) = (&org.legal.actor, &org.id);
    let neu = || invite("neu@example.test", Role::User, &[]);
    let old = orgs::invite(ctx, legal, org_id, neu()).await.unwrap();
    app.advance_days(8);
    let newer = orgs::invite(ctx, legal, org_id, neu()).await.unwrap();
    let mailed = app.mails_to("neu@example.test").await.len();
    assert_eq!(
        refusal(orgs::resend_invitation(ctx, legal, org_id, &old.id).await),
        (ErrorKind::Conflict, "invitation_pending")
    );
    let pending = orgs::list_invitations(ctx, legal, org_id)
        .await
        .unwrap()
        .into_iter()
        .filter(|i| i.status == "pending")
        .map(|i| i.id)
        .collect::<Vec<_>>();
    assert_eq!(
        pending,
        std::slice::from_ref(&newer.id),
        "one pending invitation"
    );
    assert_eq!(app.mails_to("neu@example.test").await.len(), mailed);

    // (A minute on, so that the resent mail is the latest one.)
    app.advance(SignedDuration::from_secs(60));
    orgs::resend_invitation(ctx, legal, org_id, &newer.id)
        .await
        .unwrap();
    let joined = person(&app, "neu@example.test").await;
    let link = invitation_token(&app, "neu@example.test").await;
    orgs::accept_invitation(ctx, &joined.actor, &link)
        .await
        .unwrap();
    assert_eq!(
        refusal(orgs::resend_invitation(ctx, legal, org_id, &old.id).await),
        (ErrorKind::Conflict, "already_member"),
        "a member is not invited again"
    );
}

both_engines!(only_the_invited_address_accepts);
async fn only_the_invited_address_accepts(app: Arc<TestApp>) {
    // proves: ORG-2
    let ctx = &app.ctx;
    let org = org_made_by(&app, "legal@example.test").await;
    orgs::invite(
        ctx,
        &org.legal.actor,
        &org.id,
        invite("neu@example.test", Role::Owner, &[]),
    )
    .await
    .unwrap();
    let token = invitation_token(&app, "neu@example.test").await;
    let mallory = person(&app, "mallory@example.test").await;
    assert_eq!(
        refusal(orgs::accept_invitation(ctx, &mallory.actor, &token).await),
        (ErrorKind::Forbidden, "wrong_account")
    );
    assert_eq!(role_of(&app, &org.id, &mallory.id).await, None);
    let neu = person(&app, "neu@example.test").await;
    orgs::accept_invitation(ctx, &neu.actor, &token)
        .await
        .unwrap();
    assert_eq!(
        refusal(orgs::accept_invitation(ctx, &neu.actor, &token).await).0,
        ErrorKind::Conflict,
        "accepting twice fails"
    );
    assert_eq!(
        refusal(orgs::accept_invitation(ctx, &neu.actor, "not-a-token").await),
        (ErrorKind::BadRequest, "invalid_invitation")
    );
}

// ---------------------------------------------------------------- ORG-3

async fn change_member(
    app: &TestApp,
    by: &Person,
    org_id: &OrgId,
    who: UserId,
    c: MemberChange,
) -> Result<orgs::MemberView> {
    orgs::update_member(&app.ctx, &by.actor, org_id, &who, c).await
}

async fn remove_members(app: &TestApp, by: &Person, org_id: &OrgId, who: &[&UserId]) -> Result<()> {
    orgs::remove_members(
        &app.ctx,
        &by.actor,
        org_id,
        &who.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
    )
    .await
}

both_engines!(owners_change_the_rights_and_roles_of_members);
async fn owners_change_the_rights_and_roles_of_members(app: Arc<TestApp>) {
    // proves: ORG-3
    let crew = org_with_owner_and_user_holding(&app, &["billing:view"]).await;
    let change = |who: &UserId, c| change_member(&app, &crew.owner, crew.id(), who.clone(), c);
    let changed = change(&crew.user.id, rights(&["kind:domain", "members"]))
        .await
        .unwrap();
    assert_eq!(
        changed.rights,
        ["kind:domain", "members"],
        "rights are replaced, not added"
    );
    assert_eq!(
        rights_of(&app, crew.id(), &crew.user.id).await,
        ["kind:domain", "members"]
    );
    assert_eq!(
        refusal(change(&crew.user.id, rights(&["kind:a b"])).await),
        invalid("unknown_right")
    );

    assert_eq!(
        change(&crew.user.id, role(Role::Owner)).await.unwrap().role,
        Role::Owner
    );
    assert_eq!(
        role_of(&app, crew.id(), &crew.user.id).await,
        Some(Role::Owner)
    );
    // The promoted user is an owner now: they change the org.
    orgs::update_org(&app.ctx, &crew.user.actor, crew.id(), named("Promoted SA"))
        .await
        .unwrap();
    let back = change(
        &crew.user.id,
        MemberChange {
            role: Some(Role::User),
            rights: Some(vec![]),
        },
    )
    .await
    .unwrap();
    assert_eq!((back.role, back.rights.len()), (Role::User, 0));
    assert_eq!(
        refusal(orgs::update_org(&app.ctx, &crew.user.actor, crew.id(), named("Again")).await),
        forbidden()
    );
    assert_eq!(
        refusal(change(&crew.user.id, role(Role::LegalRepresentative)).await),
        invalid("invalid_role"),
        "only by hand-over"
    );
    assert_eq!(
        refusal(
            change(
                &UserId::from_stored("usr_not_a_member".into()),
                role(Role::Owner)
            )
            .await
        ),
        not_found()
    );
}

both_engines!(several_members_are_removed_at_once_or_none_is);
async fn several_members_are_removed_at_once_or_none_is(app: Arc<TestApp>) {
    // proves: ORG-3
    let crew = org_with_owner_and_user(&app).await;
    let second = join(
        &app,
        &crew.org,
        "second@example.test",
        Role::User,
        &["kind:domain"],
    )
    .await;
    let third = join(&app, &crew.org, "third@example.test", Role::User, &[]).await;

    // The legal representative among them: nobody goes, not even those before.
    assert_eq!(
        refusal(
            remove_members(
                &app,
                &crew.owner,
                crew.id(),
                &[&second.id, &crew.legal().id]
            )
            .await
        ),
        conflict("legal_representative")
    );
    assert_eq!(
        role_of(&app, crew.id(), &second.id).await,
        Some(Role::User),
        "still a member"
    );
    assert_eq!(
        rights_of(&app, crew.id(), &second.id).await,
        ["kind:domain"],
        "with their rights"
    );
    assert_eq!(
        refusal(
            remove_members(
                &app,
                &crew.owner,
                crew.id(),
                &[&second.id, &UserId::from_stored("usr_unknown".into())]
            )
            .await
        ),
        not_found()
    );
    assert_eq!(role_of(&app, crew.id(), &second.id).await, Some(Role::User));
    assert_eq!(
        refusal(remove_members(&app, &crew.owner, crew.id(), &[]).await).0,
        ErrorKind::Validation
    );

    remove_members(
        &app,
        &crew.owner,
        crew.id(),
        &[&second.id, &third.id, &crew.user.id],
    )
    .await
    .unwrap();
    let left: Vec<_> = orgs::list_members(&app.ctx, &crew.owner.actor, crew.id())
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    assert_eq!(left, [crew.legal().id.clone(), crew.owner.id.clone()]);
    // Their rights went with them: a returning member starts afresh.
    let back = orgs::invite(
        &app.ctx,
        &crew.owner.actor,
        crew.id(),
        invite(&second.email, Role::User, &[]),
    )
    .await
    .unwrap();
    let token = invitation_token(&app, &second.email).await;
    orgs::accept_invitation(&app.ctx, &second.actor, &token)
        .await
        .unwrap();
    assert_eq!(back.rights.len(), 0);
    assert_eq!(
        rights_of(&app, crew.id(), &second.id).await,
        Vec::<String>::new()
    );
    assert!(
        orgs::list_orgs(&app.ctx, &third.actor)
            .await
            .unwrap()
            .iter()
            .all(|o| o.id != *crew.id())
    );
}

both_engines!(the_legal_representative_is_neither_demoted_nor_removed);
async fn the_legal_representative_is_neither_demoted_nor_removed(app: Arc<TestApp>) {
    // proves: ORG-3, ORG-1
    let crew = org_with_owner_and_user(&app).await;
    let legal = &crew.legal().id;
    for by in [&crew.owner.actor, &crew.legal().actor] {
        let demote = orgs::update_member(&app.ctx, by, crew.id(), legal, role(Role::Owner)).await;
        assert_eq!(refusal(demote), conflict("legal_representative"));
        let demote = orgs::update_member(&app.ctx, by, crew.id(), legal, role(Role::User)).await;
        assert_eq!(refusal(demote), conflict("legal_representative"));
        let remove = orgs::remove_members(&app.ctx, by, crew.id(), &[legal.to_string()]).await;
        assert_eq!(refusal(remove), conflict("legal_representative"));
    }
    assert_eq!(
        role_of(&app, crew.id(), legal).await,
        Some(Role::LegalRepresentative)
    );
}

// ---------------------------------------------------------------- ORG-3, ORG-5: the last owner

both_engines!(leaving_follows_the_last_owner_and_legal_representative_rules);
async fn leaving_follows_the_last_owner_and_legal_representative_rules(app: Arc<TestApp>) {
    // proves: ORG-5, ORG-3
    let ctx = &app.ctx;
    let alone = person(&app, "alone@example.test").await;
    let personal = orgs::list_orgs(ctx, &alone.actor).await.unwrap()[0]
        .id
        .clone();
    assert_eq!(
        refusal(orgs::leave_org(ctx, &alone.actor, &personal).await),
        conflict("last_owner"),
        "the sole legal representative"
    );

    let crew = org_with_owner_and_user(&app).await;
    let second_owner = join(&app, &crew.org, "owner2@example.test", Role::Owner, &[]).await;
    assert_eq!(
        refusal(orgs::leave_org(ctx, &crew.legal().actor, crew.id()).await),
        conflict("legal_representative"),
        "other owners exist: hand over first"
    );
    assert_eq!(
        role_of(&app, crew.id(), &crew.legal().id).await,
        Some(Role::LegalRepresentative)
    );

    // An owner demotes themself while other admins remain.
    let demoted = orgs::update_member(
        ctx,
        &crew.owner.actor,
        crew.id(),
        &crew.owner.id,
        role(Role::User),
    )
    .await
    .unwrap();
    assert_eq!(demoted.role, Role::User);
    assert_eq!(
        refusal(orgs::update_org(ctx, &crew.owner.actor, crew.id(), named("X")).await),
        forbidden(),
        "and lost the owner's powers"
    );

    // A plain user leaves, and the org is gone from their list.
    orgs::leave_org(ctx, &crew.user.actor, crew.id())
        .await
        .unwrap();
    assert_eq!(role_of(&app, crew.id(), &crew.user.id).await, None);
    assert!(
        orgs::list_orgs(ctx, &crew.user.actor)
            .await
            .unwrap()
            .iter()
            .all(|o| o.id != *crew.id())
    );
    assert_eq!(
        refusal(orgs::get_org(ctx, &crew.user.actor, crew.id()).await),
        not_found()
    );
    // An owner leaves while the legal representative stays.
    orgs::leave_org(ctx, &second_owner.actor, crew.id())
        .await
        .unwrap();
    assert_eq!(role_of(&app, crew.id(), &second_owner.id).await, None);
}

both_engines!(no_path_leaves_an_org_without_an_administrator);
async fn no_path_leaves_an_org_without_an_administrator(app: Arc<TestApp>) {
    // proves: ORG-3, ORG-5
    // Through the services an org always keeps its legal representative, who
    // can be neither demoted nor removed nor leave, so "no admin left" is
    // never reached by them. The guard behind it (the last owner) is shown on
    // an org whose only admin is an owner, made here by hand in the store: the
    // state a vacant legal representative seat (ORG-6 through IDV) leaves.
    let org = org_made_by(&app, "legal@example.test").await;
    let user = join(&app, &org, "user@example.test", Role::User, &[]).await;
    let only = &org.legal;
    execute(
        &app,
        "UPDATE members SET role = 'owner' WHERE org_id = $1 AND user_id = $2",
        &[&org.id, &only.id],
    )
    .await
    .unwrap();
    let ctx = &app.ctx;
    assert_eq!(
        refusal(orgs::update_member(ctx, &only.actor, &org.id, &only.id, role(Role::User)).await),
        conflict("last_owner")
    );
    assert_eq!(
        refusal(orgs::remove_members(ctx, &only.actor, &org.id, &[only.id.to_string()]).await),
        conflict("last_owner")
    );
    assert_eq!(
        refusal(
            orgs::remove_members(
                ctx,
                &only.actor,
                &org.id,
                &[user.id.to_string(), only.id.to_string()]
            )
            .await
        ),
        conflict("last_owner")
    );
    assert_eq!(
        refusal(orgs::leave_org(ctx, &only.actor, &org.id).await),
        conflict("last_owner")
    );
    assert_eq!(
        role_of(&app, &org.id, &only.id).await,
        Some(Role::Owner),
        "still the owner"
    );
    assert_eq!(
        role_of(&app, &org.id, &user.id).await,
        Some(Role::User),
        "nobody was removed"
    );
    // With a second owner, the first may step down.
    orgs::update_member(ctx, &only.actor, &org.id, &user.id, role(Role::Owner))
        .await
        .unwrap();
    orgs::update_member(ctx, &only.actor, &org.id, &only.id, role(Role::User))
        .await
        .unwrap();
    assert_eq!(
        refusal(orgs::leave_org(ctx, &user.actor, &org.id).await),
        conflict("last_owner"),
        "now the other is the last"
    );
}

// ---------------------------------------------------------------- ORG-4 teams

fn team(name: &str, members: &[&UserId], r: &[&str]) -> TeamInput {
    TeamInput {
        name: Some(name.into()),
        members: Some(members.iter().map(|s| s.to_string()).collect()),
        rights: Some(strings(r)),
    }
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

both_engines!(a_members_rights_are_their_own_and_their_teams);
async fn a_members_rights_are_their_own_and_their_teams(app: Arc<TestApp>) {
    // proves: ORG-4
    let crew = org_with_owner_and_user_holding(&app, &["billing:view"]).await;
    let (ctx, owner, org) = (&app.ctx, &crew.owner.actor, crew.id());
    let domains = orgs::save_team(
        ctx,
        owner,
        org,
        None,
        team("Domains", &[&crew.user.id], &["kind:domain"]),
    )
    .await
    .unwrap();
    assert_eq!(
        (
            domains.name.as_str(),
            domains.members.clone(),
            domains.rights.clone()
        ),
        (
            "Domains",
            vec![crew.user.id.to_string()],
            strings(&["kind:domain"])
        )
    );
    assert_eq!(
        sorted(rights_of(&app, org, &crew.user.id).await),
        ["billing:view", "kind:domain"],
        "own and team's, united"
    );
    let billing = orgs::save_team(
        ctx,
        owner,
        org,
        None,
        team("Billing", &[&crew.user.id], &["billing:pay", "kind:domain"]),
    )
    .await
    .unwrap();
    assert_eq!(
        sorted(rights_of(&app, org, &crew.user.id).await),
        ["billing:pay", "billing:view", "kind:domain"]
    );
    let entry = orgs::list_members(ctx, owner, org)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.user_id == crew.user.id)
        .unwrap();
    assert_eq!(
        entry.rights,
        ["billing:view"],
        "the member's own rights, listed apart"
    );
    assert_eq!(
        sorted(entry.teams),
        sorted(vec![domains.id.to_string(), billing.id.to_string()])
    );
    // The united rights are what access decides on.
    product(&app, "prd_dom", org, "domain").await;
    orgs::check_product_access(ctx, &crew.user.actor, "prd_dom")
        .await
        .unwrap();

    let rename = TeamInput {
        name: Some(" Domains ".into()),
        ..TeamInput::default()
    };
    assert_eq!(
        refusal(orgs::save_team(ctx, owner, org, Some(&billing.id), rename).await),
        conflict("team_name_taken")
    );
    assert_eq!(
        refusal(orgs::save_team(ctx, owner, org, None, team("Domains", &[], &[])).await),
        conflict("team_name_taken")
    );
    let outsider = person(&app, "outsider@example.test").await;
    let with_outsider = TeamInput {
        members: Some(vec![outsider.id.to_string()]),
        ..TeamInput::default()
    };
    assert_eq!(
        refusal(orgs::save_team(ctx, owner, org, Some(&billing.id), with_outsider).await),
        invalid("not_a_member")
    );
    assert_eq!(
        refusal(orgs::save_team(ctx, owner, org, None, TeamInput::default()).await),
        invalid("required")
    );
    let renamed = orgs::save_team(
        ctx,
        owner,
        org,
        Some(&billing.id),
        TeamInput {
            name: Some("Accounts".into()),
            ..TeamInput::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(
        (renamed.name.as_str(), renamed.members.len()),
        ("Accounts", 1),
        "a rename keeps the members"
    );

    // Deleting a team takes its rights from its members.
    orgs::delete_team(ctx, owner, org, &billing.id)
        .await
        .unwrap();
    assert_eq!(
        sorted(rights_of(&app, org, &crew.user.id).await),
        ["billing:view", "kind:domain"],
        "kind:domain still comes from Domains"
    );
    orgs::delete_team(ctx, owner, org, &domains.id)
        .await
        .unwrap();
    assert_eq!(rights_of(&app, org, &crew.user.id).await, ["billing:view"]);
    assert_eq!(
        refusal(orgs::check_product_access(ctx, &crew.user.actor, "prd_dom").await),
        forbidden()
    );
    assert!(orgs::list_teams(ctx, owner, org).await.unwrap().is_empty());
    assert_eq!(
        refusal(orgs::delete_team(ctx, owner, org, &domains.id).await),
        not_found()
    );
}

both_engines!(a_removed_member_leaves_their_teams);
async fn a_removed_member_leaves_their_teams(app: Arc<TestApp>) {
    // proves: ORG-4, ORG-3
    let crew = org_with_owner_and_user(&app).await;
    let (ctx, owner, org) = (&app.ctx, &crew.owner.actor, crew.id());
    let t = orgs::save_team(
        ctx,
        owner,
        org,
        None,
        team("Ops", &[&crew.user.id, &crew.owner.id], &["kind:domain"]),
    )
    .await
    .unwrap();
    orgs::remove_members(ctx, owner, org, &[crew.user.id.to_string()])
        .await
        .unwrap();
    let teams = orgs::list_teams(ctx, owner, org).await.unwrap();
    assert_eq!(
        teams.iter().find(|x| x.id == t.id).unwrap().members,
        [crew.owner.id.as_str()]
    );
    // Another org's team cannot be reached through this one.
    let other = org_made_by(&app, "other@example.test").await;
    let theirs = orgs::save_team(
        ctx,
        &other.legal.actor,
        &other.id,
        None,
        team("Theirs", &[], &[]),
    )
    .await
    .unwrap();
    assert_eq!(
        refusal(orgs::delete_team(ctx, owner, org, &theirs.id).await),
        not_found()
    );
    assert_eq!(
        refusal(orgs::save_team(ctx, owner, org, Some(&theirs.id), team("Mine", &[], &[])).await),
        not_found()
    );
}

// ---------------------------------------------------------------- ORG-2, ORG-4 product rights

both_engines!(rights_on_a_product_or_a_product_kind_open_products);
async fn rights_on_a_product_or_a_product_kind_open_products(app: Arc<TestApp>) {
    // proves: ORG-2, ORG-4
    let crew = org_with_owner_and_user(&app).await;
    let (ctx, org) = (&app.ctx, crew.id());
    for (id, kind) in [
        ("prd_dom1", "domain"),
        ("prd_dom2", "domain"),
        ("prd_web", "web_hosting"),
    ] {
        product(&app, id, org, kind).await;
    }
    let other = org_made_by(&app, "other@example.test").await;
    product(&app, "prd_other", &other.id, "domain").await;
    let all = ["prd_dom1", "prd_dom2", "prd_web"];
    let access = |actor: Actor| async move {
        let mut out = Vec::new();
        for id in all {
            out.push(orgs::check_product_access(ctx, &actor, id).await.is_ok());
        }
        out
    };
    let set_rights =
        |r: &[&str]| orgs::update_member(ctx, &crew.owner.actor, org, &crew.user.id, rights(r));

    assert_eq!(
        access(crew.user.actor.clone()).await,
        [false, false, false],
        "no right, no product"
    );
    assert_eq!(
        refusal(orgs::check_product_access(ctx, &crew.user.actor, "prd_dom1").await),
        forbidden()
    );
    for admin in [&crew.owner.actor, &crew.legal().actor] {
        assert_eq!(
            access(admin.clone()).await,
            [true, true, true],
            "admins manage every product"
        );
    }
    set_rights(&["kind:domain"]).await.unwrap();
    assert_eq!(
        access(crew.user.actor.clone()).await,
        [true, true, false],
        "every domain, not the hosting"
    );
    set_rights(&["product:prd_web"]).await.unwrap();
    assert_eq!(
        access(crew.user.actor.clone()).await,
        [false, false, true],
        "that one product"
    );
    set_rights(&[]).await.unwrap();
    orgs::save_team(
        ctx,
        &crew.owner.actor,
        org,
        None,
        team("Domains", &[&crew.user.id], &["kind:domain"]),
    )
    .await
    .unwrap();
    assert_eq!(
        access(crew.user.actor.clone()).await,
        [true, true, false],
        "through a team"
    );

    // Products of an org one is not in do not exist for one.
    assert_eq!(
        refusal(orgs::check_product_access(ctx, &other.legal.actor, "prd_dom1").await),
        not_found()
    );
    assert_eq!(
        refusal(orgs::check_product_access(ctx, &crew.user.actor, "prd_other").await),
        not_found()
    );
    assert_eq!(
        refusal(orgs::check_product_access(ctx, &crew.owner.actor, "prd_other").await),
        not_found()
    );
    assert_eq!(
        refusal(orgs::check_product_access(ctx, &crew.owner.actor, "prd_none").await),
        not_found()
    );
}

// ---------------------------------------------------------------- ORG-6 hand-over

both_engines!(the_legal_representative_hands_over_to_an_owner);
async fn the_legal_representative_hands_over_to_an_owner(app: Arc<TestApp>) {
    // proves: ORG-6
    let crew = org_with_owner_and_user(&app).await;
    let other_owner = join(&app, &crew.org, "owner2@example.test", Role::Owner, &[]).await;
    let (ctx, org, legal) = (&app.ctx, crew.id(), crew.legal());
    assert_eq!(
        refusal(orgs::start_handover(ctx, &crew.owner.actor, org, &other_owner.id).await),
        forbidden(),
        "an owner cannot start one"
    );
    assert_eq!(
        refusal(orgs::start_handover(ctx, &legal.actor, org, &crew.user.id).await),
        invalid("not_an_owner")
    );
    assert_eq!(
        refusal(orgs::start_handover(ctx, &legal.actor, org, &legal.id).await),
        invalid("not_an_owner")
    );
    assert!(
        app.mails_to(&crew.user.email)
            .await
            .iter()
            .all(|m| !m.template.starts_with("handover"))
    );

    let h = orgs::start_handover(ctx, &legal.actor, org, &crew.owner.id)
        .await
        .unwrap();
    assert_eq!(
        (h.from_user_id.as_str(), h.to_user_id.as_str()),
        (legal.id.as_str(), crew.owner.id.as_str())
    );
    for p in [legal, &crew.owner] {
        assert_eq!(
            app.last_mail_to(&p.email).await.template,
            "handover_requested",
            "{}",
            p.email
        );
    }
    let pending = orgs::pending_handover(ctx, &crew.user.actor, org)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(pending.id, h.id);
    assert_eq!(
        refusal(orgs::accept_handover(ctx, &other_owner.actor, org).await),
        not_found(),
        "only the owner named accepts"
    );
    assert_eq!(
        refusal(orgs::accept_handover(ctx, &legal.actor, org).await),
        not_found()
    );
    assert_eq!(
        role_of(&app, org, &legal.id).await,
        Some(Role::LegalRepresentative)
    );

    app.advance_days(2);
    orgs::accept_handover(ctx, &crew.owner.actor, org)
        .await
        .unwrap();
    assert_eq!(
        role_of(&app, org, &crew.owner.id).await,
        Some(Role::LegalRepresentative)
    );
    assert_eq!(role_of(&app, org, &legal.id).await, Some(Role::Owner));
    for p in [legal, &crew.owner] {
        assert_eq!(
            app.last_mail_to(&p.email).await.template,
            "handover_done",
            "{}",
            p.email
        );
    }
    assert!(
        orgs::pending_handover(ctx, &crew.owner.actor, org)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        refusal(orgs::accept_handover(ctx, &crew.owner.actor, org).await),
        not_found(),
        "done once"
    );
    // The former legal representative is an owner now, free to leave.
    assert_eq!(
        refusal(orgs::start_handover(ctx, &legal.actor, org, &other_owner.id).await),
        forbidden()
    );
    orgs::leave_org(ctx, &legal.actor, org).await.unwrap();
    assert_eq!(role_of(&app, org, &legal.id).await, None);
}

both_engines!(a_handover_needs_its_named_owner_to_still_be_an_owner);
async fn a_handover_needs_its_named_owner_to_still_be_an_owner(app: Arc<TestApp>) {
    // proves: ORG-6, ORG-1
    let crew = org_with_owner_and_user(&app).await;
    let (ctx, org, legal) = (&app.ctx, crew.id(), crew.legal());
    orgs::start_handover(ctx, &legal.actor, org, &crew.owner.id)
        .await
        .unwrap();
    // Demoted after being named: a restricted user never becomes the legal
    // representative.
    orgs::update_member(ctx, &legal.actor, org, &crew.owner.id, role(Role::User))
        .await
        .unwrap();
    assert_eq!(
        refusal(orgs::accept_handover(ctx, &crew.owner.actor, org).await).0,
        ErrorKind::Conflict
    );
    assert_eq!(role_of(&app, org, &crew.owner.id).await, Some(Role::User));
    assert_eq!(
        role_of(&app, org, &legal.id).await,
        Some(Role::LegalRepresentative)
    );
    // A hand-over lapses after 7 days.
    let named_again = join(&app, &crew.org, "owner2@example.test", Role::Owner, &[]).await;
    orgs::start_handover(ctx, &legal.actor, org, &named_again.id)
        .await
        .unwrap();
    app.advance_days(7);
    assert!(
        orgs::pending_handover(ctx, &legal.actor, org)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        refusal(orgs::accept_handover(ctx, &named_again.actor, org).await),
        not_found()
    );
    assert_eq!(
        role_of(&app, org, &legal.id).await,
        Some(Role::LegalRepresentative)
    );
}

// ---------------------------------------------------------------- ORG-7 billing addresses

async fn defaults(app: &TestApp, crew: &Crew) -> Vec<String> {
    orgs::list_addresses(&app.ctx, &crew.owner.actor, crew.id())
        .await
        .unwrap()
        .into_iter()
        .filter(|a| a.is_default)
        .map(|a| a.name)
        .collect()
}

both_engines!(an_org_has_exactly_one_default_billing_address);
async fn an_org_has_exactly_one_default_billing_address(app: Arc<TestApp>) {
    // proves: ORG-7, ORG-1
    let crew = org_with_owner_and_user_holding(&app, &["billing:view"]).await;
    let (ctx, owner, org) = (&app.ctx, &crew.owner.actor, crew.id());
    let save = |id: Option<&BillingAddressId>, a: AddressInput, make_default| {
        let id = id.cloned();
        async move { orgs::save_address(ctx, owner, org, id.as_ref(), &a, make_default).await }
    };
    let head = save(None, address("Head office", "1204"), false)
        .await
        .unwrap();
    assert!(head.is_default, "the first address is the default");
    let branch = save(None, address("Branch", "8001"), false).await.unwrap();
    assert!(!branch.is_default);
    assert_eq!(defaults(&app, &crew).await, ["Head office"]);
    let lab = save(None, address("Lab", "3000"), true).await.unwrap();
    assert!(lab.is_default);
    assert_eq!(defaults(&app, &crew).await, ["Lab"], "exactly one default");
    save(Some(&branch.id), address("Branch", "8002"), true)
        .await
        .unwrap();
    assert_eq!(defaults(&app, &crew).await, ["Branch"]);
    let edited = save(Some(&branch.id), address("Branch Zürich", "8003"), false)
        .await
        .unwrap();
    assert!(
        edited.is_default,
        "editing the default keeps it the default"
    );
    assert_eq!(
        (edited.postcode.as_str(), edited.created_at),
        ("8003", branch.created_at)
    );

    let mut bad = address("Somewhere", "120");
    assert_eq!(
        refusal(save(None, bad.clone(), false).await),
        invalid("invalid_postcode")
    );
    bad.country = "XX".into();
    bad.postcode = "1204".into();
    assert_eq!(
        refusal(save(None, bad, false).await),
        invalid("invalid_country")
    );
    assert_eq!(
        refusal(
            save(
                Some(&BillingAddressId::from_stored("adr_unknown".into())),
                address("X", "1204"),
                false
            )
            .await
        ),
        not_found()
    );

    assert_eq!(
        refusal(orgs::delete_address(ctx, owner, org, &edited.id).await),
        conflict("default_address")
    );
    orgs::delete_address(ctx, owner, org, &head.id)
        .await
        .unwrap();
    save(Some(&lab.id), address("Lab", "3000"), true)
        .await
        .unwrap();
    orgs::delete_address(ctx, owner, org, &branch.id)
        .await
        .unwrap();
    assert_eq!(defaults(&app, &crew).await, ["Lab"]);
    orgs::delete_address(ctx, owner, org, &lab.id)
        .await
        .unwrap();
    assert!(
        orgs::list_addresses(ctx, owner, org)
            .await
            .unwrap()
            .is_empty(),
        "the last one goes, default or not"
    );

    // `billing:view` lists them, and changes none.
    let kept = save(None, address("Head office", "1204"), false)
        .await
        .unwrap();
    let seen = orgs::list_addresses(ctx, &crew.user.actor, org)
        .await
        .unwrap();
    assert_eq!(
        seen.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
        [kept.id.as_str()]
    );
    assert_eq!(
        refusal(
            orgs::save_address(
                ctx,
                &crew.user.actor,
                org,
                None,
                &address("Mine", "1204"),
                true
            )
            .await
        ),
        forbidden()
    );
    assert_eq!(
        refusal(
            orgs::save_address(
                ctx,
                &crew.user.actor,
                org,
                Some(&kept.id),
                &address("Mine", "1204"),
                true
            )
            .await
        ),
        forbidden()
    );
    assert_eq!(
        refusal(orgs::delete_address(ctx, &crew.user.actor, org, &kept.id).await),
        forbidden()
    );
    orgs::update_member(ctx, owner, org, &crew.user.id, rights(&[]))
        .await
        .unwrap();
    assert_eq!(
        refusal(orgs::list_addresses(ctx, &crew.user.actor, org).await),
        forbidden(),
        "without a billing right"
    );
}

// ---------------------------------------------------------------- OPS-5 audit

both_engines!(every_change_is_in_the_audit_log_with_who_what_when_and_where);
async fn every_change_is_in_the_audit_log_with_who_what_when_and_where(app: Arc<TestApp>) {
    // proves: OPS-5
    let crew = org_with_owner_and_user(&app).await;
    let (ctx, org, owner, legal) = (&app.ctx, crew.id(), &crew.owner, crew.legal());
    // A minute between changes, so that newest-first is unambiguous.
    let tick = || app.advance(SignedDuration::from_mins(1));
    tick();
    let org_updated_at = ctx.clock.now().as_second();
    orgs::update_org(ctx, &legal.actor, org, named("Example AG"))
        .await
        .unwrap();
    tick();
    let t = orgs::save_team(
        ctx,
        &owner.actor,
        org,
        None,
        team("Support", &[&crew.user.id], &["members"]),
    )
    .await
    .unwrap();
    tick();
    orgs::update_member(
        ctx,
        &owner.actor,
        org,
        &crew.user.id,
        rights(&["billing:view"]),
    )
    .await
    .unwrap();
    tick();
    orgs::save_team(
        ctx,
        &owner.actor,
        org,
        Some(&t.id),
        TeamInput {
            name: Some("Helpdesk".into()),
            ..TeamInput::default()
        },
    )
    .await
    .unwrap();
    tick();
    orgs::delete_team(ctx, &owner.actor, org, &t.id)
        .await
        .unwrap();
    tick();
    let a = orgs::save_address(
        ctx,
        &owner.actor,
        org,
        None,
        &address("Head office", "1204"),
        true,
    )
    .await
    .unwrap();
    tick();
    orgs::save_address(
        ctx,
        &owner.actor,
        org,
        Some(&a.id),
        &address("Head office", "1205"),
        true,
    )
    .await
    .unwrap();
    tick();
    orgs::delete_address(ctx, &owner.actor, org, &a.id)
        .await
        .unwrap();
    tick();
    let inv = orgs::invite(
        ctx,
        &owner.actor,
        org,
        invite("neu@example.test", Role::User, &[]),
    )
    .await
    .unwrap();
    tick();
    orgs::resend_invitation(ctx, &owner.actor, org, &inv.id)
        .await
        .unwrap();
    tick();
    orgs::revoke_invitation(ctx, &owner.actor, org, &inv.id)
        .await
        .unwrap();
    tick();
    orgs::start_handover(ctx, &legal.actor, org, &owner.id)
        .await
        .unwrap();
    tick();
    orgs::accept_handover(ctx, &owner.actor, org).await.unwrap();
    tick();
    orgs::remove_members(ctx, &legal.actor, org, &[crew.user.id.to_string()])
        .await
        .unwrap();
    tick();
    orgs::leave_org(ctx, &legal.actor, org).await.unwrap();

    let reader = &owner.actor; // the legal representative now
    let (all, total) = orgs::audit_log(ctx, reader, org, &Filter::default(), 0, 100)
        .await
        .unwrap();
    assert_eq!(total, all.len() as u64);
    let actions: Vec<_> = all.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions[..15],
        [
            "member.left",
            "member.removed",
            "handover.accepted",
            "handover.requested",
            "invitation.revoked",
            "invitation.resent",
            "invitation.created",
            "address.deleted",
            "address.updated",
            "address.created",
            "team.deleted",
            "team.updated",
            "member.updated",
            "team.created",
            "org.updated",
        ],
        "newest first"
    );
    // Setting up the crew; an invitation and its acceptance share an instant.
    let mut setup = actions[15..].to_vec();
    setup.sort();
    assert_eq!(
        setup,
        [
            "invitation.created",
            "invitation.created",
            "member.joined",
            "member.joined",
            "org.created"
        ]
    );
    assert_eq!(actions.last(), Some(&"org.created"));
    for e in &all {
        assert_eq!((e.ip.as_str(), e.on_behalf.as_str()), (IP, "own"), "{e:?}");
        assert!(
            [&legal.id, &owner.id, &crew.user.id].contains(&&e.actor_user_id),
            "{e:?}"
        );
        assert!(!e.actor_email.is_empty() && !e.target.is_empty(), "{e:?}");
    }
    let updated = all.iter().find(|e| e.action == "org.updated").unwrap();
    assert_eq!(
        (updated.actor_user_id.as_str(), updated.actor_email.as_str()),
        (legal.id.as_str(), legal.email.as_str())
    );
    assert_eq!(updated.target, format!("org:{org}"));
    assert_eq!(updated.created_at, org_updated_at, "when");
    assert_eq!(updated.before.as_ref().unwrap()["name"], ORG_NAME);
    assert_eq!(updated.after.as_ref().unwrap()["name"], "Example AG");
    let member = all.iter().find(|e| e.action == "member.updated").unwrap();
    assert_eq!(member.target, format!("user:{}", crew.user.id));
    // The member's own rights were replaced; the team's `members` right was
    // neither before nor after part of that change.
    assert_eq!(
        member.before,
        Some(serde_json::json!({"role": "user", "rights": []}))
    );
    assert_eq!(
        member.after,
        Some(serde_json::json!({"role": "user", "rights": ["billing:view"]}))
    );
    let moved = all.iter().find(|e| e.action == "address.updated").unwrap();
    assert_eq!(
        (
            moved.before.as_ref().unwrap()["postcode"].as_str(),
            moved.after.as_ref().unwrap()["postcode"].as_str()
        ),
        (Some("1204"), Some("1205"))
    );
    let left = all.iter().find(|e| e.action == "member.left").unwrap();
    assert_eq!(
        (left.actor_user_id.as_str(), left.after.as_ref()),
        (legal.id.as_str(), None)
    );
    assert_eq!(
        left.actor_email, legal.email,
        "the actor's address is kept after they leave the org"
    );

    // Filters: an action prefix, an exact action, an actor.
    let by =
        |f: Filter| async move { orgs::audit_log(ctx, reader, org, &f, 0, 100).await.unwrap() };
    let (members, n) = by(Filter {
        action: Some("member.".into()),
        ..Filter::default()
    })
    .await;
    assert_eq!(
        members
            .iter()
            .map(|e| e.action.as_str())
            .collect::<Vec<_>>(),
        [
            "member.left",
            "member.removed",
            "member.updated",
            "member.joined",
            "member.joined"
        ]
    );
    assert_eq!(n, 5);
    assert_eq!(
        by(Filter {
            action: Some("member".into()),
            ..Filter::default()
        })
        .await
        .1,
        0,
        "a prefix ends with a dot"
    );
    assert_eq!(
        by(Filter {
            action: Some("org.updated".into()),
            ..Filter::default()
        })
        .await
        .1,
        1
    );
    let (owners, _) = by(Filter {
        actor_user_id: Some(owner.id.to_string()),
        ..Filter::default()
    })
    .await;
    assert!(owners.iter().all(|e| e.actor_user_id == owner.id));
    assert_eq!(
        owners.len(),
        all.iter().filter(|e| e.actor_user_id == owner.id).count()
    );
    let (mine, _) = by(Filter {
        action: Some("member.".into()),
        actor_user_id: Some(owner.id.to_string()),
        ..Filter::default()
    })
    .await;
    assert_eq!(
        mine.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        ["member.updated", "member.joined"]
    );
    let since = by(Filter {
        since: Some(org_updated_at * 1000),
        until: Some((org_updated_at + 60) * 1000),
        ..Filter::default()
    })
    .await;
    assert_eq!(
        since
            .0
            .iter()
            .map(|e| e.action.as_str())
            .collect::<Vec<_>>(),
        ["org.updated"]
    );

    // Pages: offset and limit, with the total on each.
    let mut paged = Vec::new();
    for offset in (0..all.len() as i64).step_by(7) {
        let (page, total) = orgs::audit_log(ctx, reader, org, &Filter::default(), offset, 7)
            .await
            .unwrap();
        assert_eq!(total, all.len() as u64);
        assert!(page.len() <= 7);
        paged.extend(page.into_iter().map(|e| e.id));
    }
    assert_eq!(paged, all.iter().map(|e| e.id.clone()).collect::<Vec<_>>());
    assert_eq!(
        refusal(orgs::audit_log(ctx, &legal.actor, org, &Filter::default(), 0, 10).await),
        not_found(),
        "gone from the org"
    );
}

both_engines!(audit_rows_are_append_only);
async fn audit_rows_are_append_only(app: Arc<TestApp>) {
    // proves: OPS-5
    let crew = org_with_owner_and_user(&app).await;
    let db = &app.ctx.db;
    let count = || async move {
        let mut c = db.acquire().await.unwrap();
        guichet_core::sql!(c.conn(), fetch_one scalar i64, "SELECT CAST(COUNT(*) AS BIGINT) FROM audit_events").unwrap()
    };
    let before = count().await;
    assert!(before >= 5);
    assert!(
        execute(&app, "UPDATE audit_events SET action = 'x'", &[])
            .await
            .is_err(),
        "no update"
    );
    assert!(
        execute(
            &app,
            "UPDATE audit_events SET ip = '192.0.2.1' WHERE org_id = $1",
            &[crew.id()]
        )
        .await
        .is_err()
    );
    assert!(
        execute(&app, "DELETE FROM audit_events", &[])
            .await
            .is_err(),
        "no delete"
    );
    assert!(
        execute(
            &app,
            "DELETE FROM audit_events WHERE org_id = $1",
            &[crew.id()]
        )
        .await
        .is_err()
    );
    // PostgreSQL's TRUNCATE skips row triggers; a statement trigger stops it.
    if app.engine() == guichet_core::db::Engine::Postgres {
        assert!(
            execute(&app, "TRUNCATE audit_events", &[]).await.is_err(),
            "no truncate"
        );
    }
    assert_eq!(count().await, before);
    let (rows, _) = orgs::audit_log(
        &app.ctx,
        &crew.owner.actor,
        crew.id(),
        &Filter::default(),
        0,
        100,
    )
    .await
    .unwrap();
    assert!(rows.iter().all(|e| e.action != "x" && e.ip == IP));
}

// ---------------------------------------------------------------- API-1 token scopes

both_engines!(api_tokens_reach_orgs_only_within_their_scopes);
async fn api_tokens_reach_orgs_only_within_their_scopes(app: Arc<TestApp>) {
    // proves: API-1, ORG-1
    let crew = org_with_owner_and_user(&app).await;
    let (ctx, org) = (&app.ctx, crew.id());
    let scope = (ErrorKind::Forbidden, "insufficient_scope");

    let profile = token_actor(&app, crew.legal(), &["profile:read"]).await;
    assert_eq!(refusal(orgs::list_orgs(ctx, &profile).await), scope);
    assert_eq!(refusal(orgs::get_org(ctx, &profile, org).await), scope);
    assert_eq!(
        refusal(orgs::get_org(ctx, &profile, &OrgId::from_stored("org_unknown".into())).await),
        scope,
        "says nothing about orgs"
    );
    assert_eq!(
        refusal(orgs::create_org(ctx, &profile, named("Token SA")).await),
        scope
    );

    let read = token_actor(&app, crew.legal(), &["orgs:read"]).await;
    assert!(
        orgs::list_orgs(ctx, &read)
            .await
            .unwrap()
            .iter()
            .any(|o| o.id == *org)
    );
    assert_eq!(orgs::get_org(ctx, &read, org).await.unwrap().id, *org);
    orgs::list_members(ctx, &read, org).await.unwrap();
    orgs::audit_log(ctx, &read, org, &Filter::default(), 0, 10)
        .await
        .unwrap();
    assert_eq!(
        refusal(orgs::update_org(ctx, &read, org, named("Token SA")).await),
        scope
    );
    assert_eq!(
        refusal(orgs::update_member(ctx, &read, org, &crew.user.id, rights(&["members"])).await),
        scope
    );
    assert_eq!(refusal(orgs::leave_org(ctx, &read, org).await), scope);

    let write = token_actor(&app, crew.legal(), &["orgs:read", "orgs:write"]).await;
    assert_eq!(
        orgs::update_org(ctx, &write, org, named("Token SA"))
            .await
            .unwrap()
            .name,
        "Token SA"
    );
    // A token has its user's rights in the org, never more.
    let users = token_actor(&app, &crew.user, &["orgs:read", "orgs:write"]).await;
    assert_eq!(
        refusal(orgs::update_org(ctx, &users, org, named("Mine")).await),
        forbidden()
    );
    let (events, _) = orgs::audit_log(
        ctx,
        &write,
        org,
        &Filter {
            action: Some("org.updated".into()),
            ..Filter::default()
        },
        0,
        10,
    )
    .await
    .unwrap();
    assert_eq!((events.len(), events[0].ip.as_str()), (1, IP));
}

both_engines!(concurrent_saves_keep_exactly_one_default_address);
async fn concurrent_saves_keep_exactly_one_default_address(app: Arc<TestApp>) {
    // proves: ORG-7
    let org = org_made_by(&app, "legal@example.test").await;
    for round in 0..3 {
        let saves = (0..6).map(|i| {
            let (app, org) = (app.clone(), org.clone());
            tokio::spawn(async move {
                let a = address(&format!("Office {round}-{i}"), "1204");
                orgs::save_address(&app.ctx, &org.legal.actor, &org.id, None, &a, true).await
            })
        });
        for s in futures::future::join_all(saves).await {
            s.unwrap().unwrap();
        }
        let all = orgs::list_addresses(&app.ctx, &org.legal.actor, &org.id)
            .await
            .unwrap();
        assert_eq!(
            all.iter().filter(|a| a.is_default).count(),
            1,
            "round {round}: {all:#?}"
        );
    }
}

both_engines!(concurrent_invitations_of_one_address_make_one);
async fn concurrent_invitations_of_one_address_make_one(app: Arc<TestApp>) {
    // proves: ORG-2
    let org = org_made_by(&app, "legal@example.test").await;
    let sends = (0..6).map(|_| {
        let (app, org) = (app.clone(), org.clone());
        tokio::spawn(async move {
            let i = invite("neu@example.test", Role::User, &[]);
            orgs::invite(&app.ctx, &org.legal.actor, &org.id, i).await
        })
    });
    let mut sent = 0;
    for s in futures::future::join_all(sends).await {
        match s.unwrap() {
            Ok(_) => sent += 1,
            Err(e) => assert_eq!(e.code(), "invitation_pending"),
        }
    }
    assert_eq!(sent, 1);
    let pending = orgs::list_invitations(&app.ctx, &org.legal.actor, &org.id).await;
    assert_eq!(pending.unwrap().len(), 1);
    assert_eq!(app.mails_to("neu@example.test").await.len(), 1);
}

both_engines!(a_member_named_twice_counts_once);
async fn a_member_named_twice_counts_once(app: Arc<TestApp>) {
    // proves: ORG-4, ORG-3
    let crew = org_with_owner_and_user(&app).await;
    let (ctx, owner, org) = (&app.ctx, &crew.owner.actor, crew.id());
    let twice = team("Ops", &[&crew.user.id, &crew.user.id], &["kind:domain"]);
    let t = orgs::save_team(ctx, owner, org, None, twice).await.unwrap();
    assert_eq!(t.members, [crew.user.id.as_str()]);
    let ids = [crew.user.id.to_string(), crew.user.id.to_string()];
    orgs::remove_members(ctx, owner, org, &ids).await.unwrap();
    assert_eq!(role_of(&app, org, &crew.user.id).await, None);
    let (removed, _) = orgs::audit_log(ctx, owner, org, &action("member.removed"), 0, 10)
        .await
        .unwrap();
    assert_eq!(removed.len(), 1, "one removal, one audit row");
}

fn action(a: &str) -> Filter {
    Filter {
        action: Some(a.into()),
        ..Filter::default()
    }
}
