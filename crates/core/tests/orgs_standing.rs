//! Issue 10 on both engines: the standing computed inside the transaction
//! (own and team rights apart), the actions views offer, lists paged in
//! SQL, the default billing address made in one conditional update, and
//! a new organisation in its creator's language.

use guichet_core::ids::UserId;
use std::sync::Arc;

use guichet_core::{
    access::Action,
    both_engines,
    i18n::Lang,
    orgs::{self, Role, TeamInput, Window, address::AddressInput},
    testing::TestApp,
};
use jiff::SignedDuration;

use crate::orgs_support::*;

fn address(name: &str) -> AddressInput {
    AddressInput {
        name: name.into(),
        street: "Rue du Lac".into(),
        building_number: "12".into(),
        postcode: "1204".into(),
        town: "Genève".into(),
        country: "CH".into(),
    }
}

both_engines!(the_org_view_offers_only_the_doors_that_open);
async fn the_org_view_offers_only_the_doors_that_open(app: Arc<TestApp>) {
    // proves: ORG-1, ORG-5, ORG-6 // issue 10
    let org = org_made_by(&app, "legal@example.test").await;
    let alone = orgs::get_org(&app.ctx, &org.legal.actor, &org.id)
        .await
        .unwrap()
        .actions;
    // Alone: nobody to remove, nobody to hand over to, and the legal
    // representative cannot leave.
    for a in [Action::RemoveMembers, Action::HandOver, Action::LeaveOrg] {
        assert!(!alone.contains(&a), "{a:?} offered: {alone:?}");
    }
    assert!(alone.contains(&Action::ManageBillingAddresses));
    let owner = join(&app, &org, "owner@example.test", Role::Owner, &[]).await;
    let user = join(
        &app,
        &org,
        "user@example.test",
        Role::User,
        &["billing:view"],
    )
    .await;
    let legal = orgs::get_org(&app.ctx, &org.legal.actor, &org.id)
        .await
        .unwrap()
        .actions;
    assert!(legal.contains(&Action::RemoveMembers) && legal.contains(&Action::HandOver));
    assert!(!legal.contains(&Action::LeaveOrg));
    let owner_view = orgs::get_org(&app.ctx, &owner.actor, &org.id)
        .await
        .unwrap();
    assert!(owner_view.actions.contains(&Action::LeaveOrg));
    assert!(!owner_view.actions.contains(&Action::HandOver));
    let user_view = orgs::get_org(&app.ctx, &user.actor, &org.id).await.unwrap();
    assert_eq!(
        user_view.actions,
        vec![Action::ViewOrg, Action::ViewBilling, Action::LeaveOrg]
    );
    // Every action offered is one the services would let through.
    assert!(
        orgs::list_addresses(&app.ctx, &user.actor, &org.id)
            .await
            .is_ok()
    );
    assert!(
        orgs::list_members(&app.ctx, &user.actor, &org.id)
            .await
            .is_err()
    );
    // The member list offers removal of everybody but the legal
    // representative.
    let members = orgs::list_members(&app.ctx, &org.legal.actor, &org.id)
        .await
        .unwrap();
    for m in &members {
        assert_eq!(
            m.actions.contains(&Action::RemoveMembers),
            m.role != Role::LegalRepresentative,
            "{m:?}"
        );
    }
}

both_engines!(a_standing_keeps_own_and_team_rights_apart);
async fn a_standing_keeps_own_and_team_rights_apart(app: Arc<TestApp>) {
    // proves: ORG-2, ORG-4
    let crew = org_with_owner_and_user_holding(&app, &["settings"]).await;
    orgs::save_team(
        &app.ctx,
        &crew.legal().actor,
        crew.id(),
        None,
        TeamInput {
            name: Some("Front desk".into()),
            members: Some(vec![crew.user.id.to_string()]),
            rights: Some(vec!["members".into()]),
        },
    )
    .await
    .unwrap();
    let mut c = app.ctx.db.acquire().await.unwrap();
    let st = orgs::standing(c.conn(), crew.id(), &crew.user.id)
        .await
        .unwrap();
    let m = st.member.as_ref().unwrap();
    assert_eq!(m.own_rights.names(), vec!["settings"]);
    assert_eq!(m.team_rights.names(), vec!["members"]);
    assert!(st.permits(Action::ViewMembers) && st.permits(Action::ViewOrgSettings));
    assert!(!st.permits(Action::ManageMembers));
    let stranger = orgs::standing(
        c.conn(),
        crew.id(),
        &UserId::from_stored("usr_nobody".into()),
    )
    .await
    .unwrap();
    assert!(!stranger.sees_org() && !stranger.permits(Action::ViewOrg));
}

both_engines!(lists_are_paged_in_sql);
async fn lists_are_paged_in_sql(app: Arc<TestApp>) {
    // proves: API-5 // issue 10
    let crew = org_with_owner_and_user(&app).await;
    let (ctx, legal) = (&app.ctx, &crew.legal().actor);
    let all = orgs::list_members(ctx, legal, crew.id()).await.unwrap();
    let page = orgs::list_members_page(
        ctx,
        legal,
        crew.id(),
        Window {
            offset: 1,
            limit: 1,
        },
    )
    .await
    .unwrap();
    assert_eq!(page.total, 3);
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].user_id, all[1].user_id);
    for name in ["B", "A", "C"] {
        orgs::save_address(ctx, legal, crew.id(), None, &address(name), false)
            .await
            .unwrap();
    }
    let page = orgs::list_addresses_page(
        ctx,
        legal,
        crew.id(),
        Window {
            offset: 2,
            limit: 5,
        },
    )
    .await
    .unwrap();
    assert_eq!((page.total, page.items.len()), (3, 1));
    let orgs_page = orgs::list_orgs_page(
        ctx,
        legal,
        Window {
            offset: 0,
            limit: 10,
        },
    )
    .await
    .unwrap();
    // The legal representative's personal organisation, and this one.
    let every = orgs::list_orgs(ctx, legal).await.unwrap();
    assert_eq!(orgs_page.total, 2);
    assert_eq!(orgs_page.items.len(), every.len());
    // A stranger's page of another org is a 404, not an empty page.
    let other = person(&app, "other@example.test").await;
    assert_eq!(
        refusal(
            orgs::list_members_page(
                ctx,
                &other.actor,
                crew.id(),
                Window {
                    offset: 0,
                    limit: 5
                }
            )
            .await
        ),
        not_found()
    );
}

both_engines!(making_an_address_the_default_at_once_leaves_exactly_one);
async fn making_an_address_the_default_at_once_leaves_exactly_one(app: Arc<TestApp>) {
    // proves: ORG-7 // issue 10
    let org = org_made_by(&app, "legal@example.test").await;
    let mut ids = Vec::new();
    for i in 0..4 {
        let a = orgs::save_address(
            &app.ctx,
            &org.legal.actor,
            &org.id,
            None,
            &address(&format!("Office {i}")),
            false,
        )
        .await
        .unwrap();
        ids.push(a.id);
    }
    for round in 0..3 {
        let makes = ids.iter().skip(1).map(|id| {
            let (app, org, id) = (app.clone(), org.clone(), id.clone());
            tokio::spawn(async move {
                orgs::make_default_address(&app.ctx, &org.legal.actor, &org.id, &id).await
            })
        });
        for m in futures::future::join_all(makes).await {
            assert!(m.unwrap().unwrap().is_default);
        }
        let all = orgs::list_addresses(&app.ctx, &org.legal.actor, &org.id)
            .await
            .unwrap();
        assert_eq!(
            all.iter().filter(|a| a.is_default).count(),
            1,
            "round {round}: {all:#?}"
        );
        app.advance(SignedDuration::from_secs(1));
    }
    // Back to the first one; another org's address is not found.
    let first = orgs::make_default_address(&app.ctx, &org.legal.actor, &org.id, &ids[0])
        .await
        .unwrap();
    assert!(first.is_default);
    let other = org_made_by(&app, "other@example.test").await;
    assert_eq!(
        refusal(orgs::make_default_address(&app.ctx, &other.legal.actor, &other.id, &ids[1]).await),
        not_found()
    );
    assert_eq!(
        refusal(orgs::make_default_address(&app.ctx, &other.legal.actor, &org.id, &ids[1]).await),
        not_found()
    );
}

both_engines!(a_new_org_speaks_its_creators_language);
async fn a_new_org_speaks_its_creators_language(app: Arc<TestApp>) {
    // proves: ACC-7 // issue 10
    let p = person(&app, "lucia@example.test").await;
    execute(
        &app,
        "UPDATE users SET language = 'it' WHERE id = $1",
        &[p.id.as_str()],
    )
    .await
    .unwrap();
    let actor = signed_in(&app, &p.email).await;
    let view = orgs::create_org(&app.ctx, &actor, named("Esempio SA"))
        .await
        .unwrap();
    assert_eq!(view.language, Some(Lang::It));
    // Asked for explicitly, another language is kept.
    let mut input = named("Beispiel AG");
    input.language = Some(Lang::De);
    let view = orgs::create_org(&app.ctx, &actor, input).await.unwrap();
    assert_eq!(view.language, Some(Lang::De));
}
