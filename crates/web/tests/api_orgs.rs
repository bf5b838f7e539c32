//! The organisations API, flow by flow, as a client sees it: organisations
//! and their settings, invitations from the mail link to membership,
//! members, teams, leaving, the hand-over, billing addresses and the audit
//! log. Who may call what is the access matrix's business
//! (`access_matrix.rs`); here each rule's answers and effects.

use std::sync::Arc;

use guichet_core::{orgs::Role, testing::TestApp};
use jiff::SignedDuration;
use serde_json::{Value, json};

use crate::{
    orgs_support::{
        Caller, add_member, address, api, caller, code, fields, invitation_token, mark_invoiced,
    },
    support::Answer,
};

/// The answer's `data` after checking its status.
#[track_caller]
fn data(res: &Answer, status: u16) -> Value {
    assert_eq!(res.status.as_u16(), status, "{}", res.text());
    res.json()["data"].clone()
}

/// The code of an error answer after checking its status.
#[track_caller]
fn refused(res: &Answer, status: u16) -> String {
    assert_eq!(res.status.as_u16(), status, "{}", res.text());
    code(res)
}

fn field_pairs(res: &Answer) -> Vec<(String, String)> {
    assert_eq!(res.status.as_u16(), 422, "{}", res.text());
    assert_eq!(code(res), "validation_failed");
    fields(res)
}

fn pair(attribute: &str, code: &str) -> (String, String) {
    (attribute.to_string(), code.to_string())
}

async fn new_org(app: &TestApp, c: &Caller, name: &str) -> String {
    let res = api(
        app,
        "POST",
        "/api/1/orgs",
        Some(&c.token),
        Some(json!({"name": name})),
    )
    .await;
    data(&res, 201)["id"].as_str().unwrap().to_string()
}

// proves: ORG-1, ACC-7, API-2
async fn an_org_is_made_changed_and_its_currency_fixed_by_the_first_invoice(app: Arc<TestApp>) {
    let ada = caller(&app, "ada@example.test").await;
    let t = Some(ada.token.as_str());
    // Without a version: the latest one (API-2).
    let res = api(
        &app,
        "POST",
        "/api/orgs",
        t,
        Some(json!({
            "name": "  Ada   Consulting ", "kind": "company", "country": "ch",
            "currency": "EUR", "vat_number": "che116281710 mwst",
        })),
    )
    .await;
    let org = data(&res, 201);
    assert_eq!(org["name"], "Ada Consulting");
    assert_eq!(org["role"], "legal_representative");
    assert_eq!(org["country"], "CH");
    assert_eq!(org["currency"], "EUR");
    assert_eq!(org["vat_number"], "CHE-116.281.710 MWST");
    assert_eq!(org["currency_locked"], false);
    let id = org["id"].as_str().unwrap().to_string();
    assert!(id.starts_with("org_"));
    let path = format!("/api/1/orgs/{id}");

    // ACC-7: the personal organisation made at sign-up, and the new one.
    let res = api(&app, "GET", "/api/1/orgs", t, None).await;
    assert_eq!(res.json()["total"], 2, "{}", res.text());
    assert!(
        data(&res, 200)
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["id"] == id.as_str())
    );

    let patch = |body: Value| api(&app, "PATCH", &path, t, Some(body));
    assert_eq!(
        field_pairs(&patch(json!({"vat_number": "CHE-116.281.711"})).await),
        [pair("vat_number", "invalid_vat_number")]
    );
    assert_eq!(
        field_pairs(&patch(json!({"name": " ", "country": "XX"})).await),
        [
            pair("name", "invalid_name"),
            pair("country", "invalid_country")
        ]
    );
    assert_eq!(
        field_pairs(&patch(json!({"currency": "USD"})).await)[0].0,
        "currency"
    );
    // Unknown fields are refused, not ignored.
    assert_eq!(
        refused(&patch(json!({"colour": "red"})).await, 422),
        "validation_failed"
    );
    // Nothing of it was saved.
    assert_eq!(
        data(&api(&app, "GET", &path, t, None).await, 200)["vat_number"],
        "CHE-116.281.710 MWST"
    );

    let org = data(
        &patch(json!({"currency": "CHF", "vat_number": "DE 123 456 789"})).await,
        200,
    );
    assert_eq!(
        (org["currency"].as_str(), org["vat_number"].as_str()),
        (Some("CHF"), Some("DE123456789"))
    );

    mark_invoiced(&app, &id).await;
    assert_eq!(
        data(&api(&app, "GET", &path, t, None).await, 200)["currency_locked"],
        true
    );
    assert_eq!(
        refused(&patch(json!({"currency": "EUR"})).await, 409),
        "currency_locked"
    );
    // The same currency is no change; `null` removes the VAT number.
    let org = data(
        &patch(json!({"currency": "CHF", "vat_number": null, "name": "Ada SA"})).await,
        200,
    );
    assert_eq!(org["vat_number"], Value::Null);
    assert_eq!(org["name"], "Ada SA");
}
guichet_core::both_engines!(an_org_is_made_changed_and_its_currency_fixed_by_the_first_invoice);

// proves: ORG-2
async fn an_invitation_mailed_is_accepted_through_the_api(app: Arc<TestApp>) {
    let legal = caller(&app, "legal@example.test").await;
    let t = Some(legal.token.as_str());
    let org = new_org(&app, &legal, "Example SA").await;
    let invitations = format!("/api/1/orgs/{org}/invitations");

    let res = api(
        &app,
        "POST",
        &invitations,
        t,
        Some(json!({"email": "bob@example.test", "rights": ["members", "billing:view"]})),
    )
    .await;
    let inv = data(&res, 201);
    assert_eq!(inv["status"], "pending");
    assert_eq!(inv["role"], "user");
    assert_eq!(inv["rights"], json!(["billing:view", "members"]));
    assert_eq!(inv["invited_by"], legal.id.as_str());
    // The mail's link carries the secret; the person has no account yet.
    let link = invitation_token(&app, "bob@example.test").await;
    let bob = caller(&app, "bob@example.test").await;
    let carol = caller(&app, "carol@example.test").await;

    let preview = data(
        &api(
            &app,
            "GET",
            &format!("/api/1/invitations/{link}"),
            Some(&bob.token),
            None,
        )
        .await,
        200,
    );
    assert_eq!(preview["org_id"], org.as_str());
    assert_eq!(preview["org_name"], "Example SA");
    assert_eq!(preview["status"], "pending");

    let accept = format!("/api/1/invitations/{link}/accept");
    assert_eq!(
        refused(
            &api(&app, "POST", &accept, Some(&carol.token), None).await,
            403
        ),
        "wrong_account"
    );
    let joined = data(
        &api(&app, "POST", &accept, Some(&bob.token), None).await,
        200,
    );
    assert_eq!(joined["id"], org.as_str());
    assert_eq!(joined["role"], "user");
    assert_eq!(
        refused(
            &api(&app, "POST", &accept, Some(&bob.token), None).await,
            409
        ),
        "already_member"
    );
    let preview = data(
        &api(
            &app,
            "GET",
            &format!("/api/1/invitations/{link}"),
            Some(&bob.token),
            None,
        )
        .await,
        200,
    );
    assert_eq!(preview["status"], "accepted");

    // The member list shows them with the rights chosen at invitation.
    let members = data(
        &api(&app, "GET", &format!("/api/1/orgs/{org}/members"), t, None).await,
        200,
    );
    let entry = members
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["user_id"] == bob.id.as_str())
        .unwrap()
        .clone();
    assert_eq!(entry["role"], "user");
    assert_eq!(entry["email"], "bob@example.test");
    assert_eq!(entry["rights"], json!(["billing:view", "members"]));
    // Their rights work: `members` shows the members; no `settings`, no settings.
    assert_eq!(
        api(
            &app,
            "GET",
            &format!("/api/1/orgs/{org}/members"),
            Some(&bob.token),
            None
        )
        .await
        .status,
        200
    );
    let seen = data(
        &api(
            &app,
            "GET",
            &format!("/api/1/orgs/{org}"),
            Some(&bob.token),
            None,
        )
        .await,
        200,
    );
    assert_eq!(seen["rights"], json!(["billing:view", "members"]));
    assert_eq!(seen["country"], Value::Null);
    assert_eq!(seen["currency"], Value::Null);

    let invite = |body: Value| api(&app, "POST", &invitations, t, Some(body));
    assert_eq!(
        refused(&invite(json!({"email": "BOB@example.test"})).await, 409),
        "already_member"
    );
    let dave = data(
        &invite(json!({"email": "dave@example.test", "role": "owner"})).await,
        201,
    );
    assert_eq!(dave["role"], "owner");
    assert_eq!(
        refused(&invite(json!({"email": "dave@example.test"})).await, 409),
        "invitation_pending"
    );
    assert_eq!(
        field_pairs(&invite(json!({"email": "not an address"})).await),
        [pair("email", "invalid_email")]
    );
    assert_eq!(
        field_pairs(
            &invite(json!({"email": "erin@example.test", "role": "legal_representative"})).await
        ),
        [pair("role", "invalid_role")]
    );
    assert_eq!(
        field_pairs(&invite(json!({"email": "erin@example.test", "rights": ["admin"]})).await),
        [pair("rights", "unknown_right")]
    );

    // Resending makes a new link; the old one stops.
    let old = invitation_token(&app, "dave@example.test").await;
    let dave_id = dave["id"].as_str().unwrap();
    app.advance(SignedDuration::from_hours(24));
    let resent = data(
        &api(
            &app,
            "POST",
            &format!("{invitations}/{dave_id}/resend"),
            t,
            None,
        )
        .await,
        200,
    );
    assert!(resent["expires_at"].as_i64() > dave["expires_at"].as_i64());
    let new = invitation_token(&app, "dave@example.test").await;
    assert_ne!(old, new);
    assert_eq!(
        refused(
            &api(&app, "GET", &format!("/api/1/invitations/{old}"), t, None).await,
            404
        ),
        "object_not_found"
    );
    assert_eq!(
        refused(
            &api(
                &app,
                "POST",
                &format!("/api/1/invitations/{old}/accept"),
                t,
                None
            )
            .await,
            400
        ),
        "invalid_invitation"
    );

    // Accepted invitations are not listed; revoked ones neither.
    let res = api(&app, "GET", &invitations, t, None).await;
    let listed = data(&res, 200);
    assert_eq!(
        (res.json()["total"].as_u64(), listed[0]["id"].as_str()),
        (Some(1), Some(dave_id))
    );
    let res = api(&app, "DELETE", &format!("{invitations}/{dave_id}"), t, None).await;
    assert_eq!(res.status, 204);
    assert!(res.body.is_empty());
    assert_eq!(
        api(&app, "GET", &invitations, t, None).await.json()["total"],
        0
    );
    let preview = data(
        &api(&app, "GET", &format!("/api/1/invitations/{new}"), t, None).await,
        200,
    );
    assert_eq!(preview["status"], "revoked");
    assert_eq!(
        refused(
            &api(&app, "DELETE", &format!("{invitations}/{dave_id}"), t, None).await,
            404
        ),
        "object_not_found"
    );
}
guichet_core::both_engines!(an_invitation_mailed_is_accepted_through_the_api);

// proves: ORG-3
async fn members_change_and_go_one_or_several_at_once(app: Arc<TestApp>) {
    let legal = caller(&app, "legal@example.test").await;
    let t = Some(legal.token.as_str());
    let org = new_org(&app, &legal, "Example SA").await;
    let mut users = Vec::new();
    for name in ["una", "duo", "tre"] {
        let u = caller(&app, &format!("{name}@example.test")).await;
        add_member(&app, &org, &u.id, Role::User, &[]).await;
        users.push(u);
    }
    let [una, duo, tre] = [&users[0], &users[1], &users[2]];
    let member = |id: &str| format!("/api/1/orgs/{org}/members/{id}");
    let app_ref: &TestApp = &app;
    let patch = |path: String, body: Value| async move {
        api(app_ref, "PATCH", &path, t, Some(body)).await
    };

    let m = data(&patch(member(&una.id), json!({"role": "owner"})).await, 200);
    assert_eq!(m["role"], "owner");
    let m = data(
        &patch(
            member(&una.id),
            json!({"rights": ["product:prd_9", "kind:domain"]}),
        )
        .await,
        200,
    );
    assert_eq!(
        (m["role"].as_str(), m["rights"].clone()),
        (Some("owner"), json!(["kind:domain", "product:prd_9"]))
    );
    // The new owner administers at once (ORG-1).
    assert_eq!(
        api(
            &app,
            "GET",
            &format!("/api/1/orgs/{org}/audit"),
            Some(&una.token),
            None
        )
        .await
        .status,
        200
    );

    assert_eq!(
        refused(
            &patch(member(&legal.id), json!({"role": "user"})).await,
            409
        ),
        "legal_representative"
    );
    assert_eq!(
        field_pairs(&patch(member(&duo.id), json!({"role": "legal_representative"})).await),
        [pair("role", "invalid_role")]
    );
    assert_eq!(
        field_pairs(&patch(member(&duo.id), json!({"rights": ["billing:everything"]})).await),
        [pair("rights", "unknown_right")]
    );
    assert_eq!(
        refused(
            &patch(member("usr_nobody"), json!({"rights": []})).await,
            404
        ),
        "object_not_found"
    );

    // `settings` shows a restricted user the settings, and nothing more.
    let seen = |c: &Caller| {
        let (app, token, path) = (app.clone(), c.token.clone(), format!("/api/1/orgs/{org}"));
        async move { data(&api(&app, "GET", &path, Some(&token), None).await, 200) }
    };
    assert_eq!(seen(duo).await["country"], Value::Null);
    data(
        &patch(member(&duo.id), json!({"rights": ["settings"]})).await,
        200,
    );
    let org_seen = seen(duo).await;
    assert_eq!(
        (
            org_seen["country"].as_str(),
            org_seen["currency_locked"].as_bool()
        ),
        (Some("CH"), Some(false))
    );
    let res = api(
        &app,
        "PATCH",
        &format!("/api/1/orgs/{org}"),
        Some(&duo.token),
        Some(json!({"name": "Mine"})),
    )
    .await;
    assert_eq!(refused(&res, 403), "forbidden");

    let remove = format!("/api/1/orgs/{org}/members/remove");
    // All or none: the legal representative cannot go, so neither does duo.
    let res = api(
        &app,
        "POST",
        &remove,
        t,
        Some(json!({"user_ids": [duo.id, legal.id]})),
    )
    .await;
    assert_eq!(refused(&res, 409), "legal_representative");
    assert_eq!(
        field_pairs(&api(&app, "POST", &remove, t, Some(json!({"user_ids": []}))).await),
        [pair("user_ids", "required")]
    );
    let res = api(
        &app,
        "GET",
        &format!("/api/1/orgs/{org}/members?per_page=2&page=2"),
        t,
        None,
    )
    .await;
    assert_eq!(
        (res.json()["total"].as_u64(), res.json()["pages"].as_u64()),
        (Some(4), Some(2))
    );
    assert_eq!(data(&res, 200).as_array().unwrap().len(), 2);

    let res = api(
        &app,
        "POST",
        &remove,
        t,
        Some(json!({"user_ids": [duo.id, tre.id]})),
    )
    .await;
    assert_eq!(res.status, 204, "{}", res.text());
    assert_eq!(
        api(&app, "DELETE", &member(&una.id), t, None).await.status,
        204
    );
    let left = data(
        &api(&app, "GET", &format!("/api/1/orgs/{org}/members"), t, None).await,
        200,
    );
    assert_eq!(left.as_array().unwrap().len(), 1);
    // Removed: the organisation no longer exists for them.
    for u in [una, duo, tre] {
        assert_eq!(
            refused(
                &api(
                    &app,
                    "GET",
                    &format!("/api/1/orgs/{org}"),
                    Some(&u.token),
                    None
                )
                .await,
                404
            ),
            "object_not_found"
        );
    }
}
guichet_core::both_engines!(members_change_and_go_one_or_several_at_once);

// proves: ORG-4
async fn teams_group_members_and_grant_them_rights(app: Arc<TestApp>) {
    let legal = caller(&app, "legal@example.test").await;
    let t = Some(legal.token.as_str());
    let org = new_org(&app, &legal, "Example SA").await;
    let una = caller(&app, "una@example.test").await;
    add_member(&app, &org, &una.id, Role::User, &[]).await;
    let stranger = caller(&app, "stranger@example.test").await;
    let teams = format!("/api/1/orgs/{org}/teams");
    let addresses = format!("/api/1/orgs/{org}/billing-addresses");
    assert_eq!(
        refused(
            &api(&app, "GET", &addresses, Some(&una.token), None).await,
            403
        ),
        "forbidden"
    );

    let res = api(
        &app,
        "POST",
        &teams,
        t,
        Some(json!({"name": " Billing ", "members": [una.id], "rights": ["billing:view"]})),
    )
    .await;
    let team = data(&res, 201);
    assert_eq!(
        (team["name"].as_str(), team["members"].clone()),
        (Some("Billing"), json!([una.id]))
    );
    let id = team["id"].as_str().unwrap().to_string();
    // The team's right is the member's (effective rights are the union).
    assert_eq!(
        api(&app, "GET", &addresses, Some(&una.token), None)
            .await
            .status,
        200
    );
    let seen = data(
        &api(
            &app,
            "GET",
            &format!("/api/1/orgs/{org}"),
            Some(&una.token),
            None,
        )
        .await,
        200,
    );
    assert_eq!(seen["rights"], json!(["billing:view"]));
    let listed = data(
        &api(&app, "GET", &format!("/api/1/orgs/{org}/members"), t, None).await,
        200,
    );
    let entry = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["user_id"] == una.id.as_str())
        .unwrap()
        .clone();
    assert_eq!(
        (entry["teams"].clone(), entry["rights"].clone()),
        (json!([id]), json!([]))
    );

    let create = |body: Value| api(&app, "POST", &teams, t, Some(body));
    assert_eq!(
        refused(&create(json!({"name": "Billing"})).await, 409),
        "team_name_taken"
    );
    assert_eq!(
        field_pairs(&create(json!({"name": "   "})).await),
        [pair("name", "invalid_name")]
    );
    assert_eq!(
        field_pairs(&create(json!({"name": "Ops", "members": [stranger.id]})).await),
        [pair("members", "not_a_member")]
    );
    assert_eq!(
        field_pairs(&create(json!({"name": "Ops", "rights": ["root"]})).await),
        [pair("rights", "unknown_right")]
    );
    assert_eq!(
        field_pairs(&create(json!({"members": []})).await)[0].0,
        "name"
    );

    let res = api(
        &app,
        "PATCH",
        &format!("{teams}/{id}"),
        t,
        Some(json!({"name": "Accounts", "rights": ["billing:pay"]})),
    )
    .await;
    let team = data(&res, 200);
    assert_eq!(
        (team["name"].as_str(), team["rights"].clone()),
        (Some("Accounts"), json!(["billing:pay"]))
    );
    assert_eq!(team["members"], json!([una.id]), "members not given stay");

    assert_eq!(
        api(&app, "DELETE", &format!("{teams}/{id}"), t, None)
            .await
            .status,
        204
    );
    assert_eq!(api(&app, "GET", &teams, t, None).await.json()["total"], 0);
    assert_eq!(
        refused(
            &api(&app, "GET", &addresses, Some(&una.token), None).await,
            403
        ),
        "forbidden"
    );
    assert_eq!(
        refused(
            &api(&app, "DELETE", &format!("{teams}/{id}"), t, None).await,
            404
        ),
        "object_not_found"
    );
}
guichet_core::both_engines!(teams_group_members_and_grant_them_rights);

// proves: ORG-5
async fn leaving_is_refused_by_the_rule_that_applies_and_allowed_otherwise(app: Arc<TestApp>) {
    let legal = caller(&app, "legal@example.test").await;
    let t = Some(legal.token.as_str());
    // The personal organisation (ACC-7): its only administrator.
    let mine = data(&api(&app, "GET", "/api/1/orgs", t, None).await, 200)[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let res = api(&app, "POST", &format!("/api/1/orgs/{mine}/leave"), t, None).await;
    assert_eq!(refused(&res, 409), "last_owner");
    assert!(
        res.json()["error"]["description"]
            .as_str()
            .unwrap()
            .contains("last owner")
    );

    let org = new_org(&app, &legal, "Example SA").await;
    let owner = caller(&app, "owner@example.test").await;
    let user = caller(&app, "user@example.test").await;
    add_member(&app, &org, &owner.id, Role::Owner, &[]).await;
    add_member(&app, &org, &user.id, Role::User, &["members"]).await;
    let leave = format!("/api/1/orgs/{org}/leave");
    assert_eq!(
        refused(&api(&app, "POST", &leave, t, None).await, 409),
        "legal_representative"
    );
    let res = api(&app, "POST", &leave, Some(&user.token), None).await;
    assert_eq!(res.status, 204, "{}", res.text());
    assert_eq!(
        refused(
            &api(
                &app,
                "GET",
                &format!("/api/1/orgs/{org}"),
                Some(&user.token),
                None
            )
            .await,
            404
        ),
        "object_not_found"
    );
    assert_eq!(
        refused(
            &api(&app, "POST", &leave, Some(&user.token), None).await,
            404
        ),
        "object_not_found"
    );
    assert_eq!(
        api(&app, "POST", &leave, Some(&owner.token), None)
            .await
            .status,
        204
    );
    assert_eq!(
        refused(&api(&app, "POST", &leave, t, None).await, 409),
        "last_owner"
    );
}
guichet_core::both_engines!(leaving_is_refused_by_the_rule_that_applies_and_allowed_otherwise);

// proves: ORG-6
async fn the_legal_representative_hands_over_to_an_owner(app: Arc<TestApp>) {
    let legal = caller(&app, "legal@example.test").await;
    let t = Some(legal.token.as_str());
    let org = new_org(&app, &legal, "Example SA").await;
    let owner = caller(&app, "owner@example.test").await;
    let user = caller(&app, "user@example.test").await;
    add_member(&app, &org, &owner.id, Role::Owner, &[]).await;
    add_member(&app, &org, &user.id, Role::User, &[]).await;
    let handover = format!("/api/1/orgs/{org}/legal-representative/handover");

    assert_eq!(
        data(&api(&app, "GET", &handover, t, None).await, 200),
        Value::Null
    );
    let res = api(
        &app,
        "POST",
        &handover,
        t,
        Some(json!({"user_id": user.id})),
    )
    .await;
    assert_eq!(field_pairs(&res), [pair("user_id", "not_an_owner")]);
    let h = data(
        &api(
            &app,
            "POST",
            &handover,
            t,
            Some(json!({"user_id": owner.id})),
        )
        .await,
        201,
    );
    assert_eq!(
        (h["from_user_id"].as_str(), h["to_user_id"].as_str()),
        (Some(legal.id.as_str()), Some(owner.id.as_str()))
    );
    assert_eq!(
        data(
            &api(&app, "GET", &handover, Some(&user.token), None).await,
            200
        )["id"],
        h["id"]
    );
    assert!(
        app.mails_to(&owner.email)
            .await
            .iter()
            .any(|m| m.template == "handover_requested")
    );

    let accept = format!("{handover}/accept");
    assert_eq!(
        refused(&api(&app, "POST", &accept, t, None).await, 404),
        "object_not_found"
    );
    let res = api(&app, "POST", &accept, Some(&owner.token), None).await;
    assert_eq!(res.status, 204, "{}", res.text());
    let role = |c: &Caller| {
        let token = c.token.clone();
        let path = format!("/api/1/orgs/{org}");
        let app = app.clone();
        async move {
            data(&api(&app, "GET", &path, Some(&token), None).await, 200)["role"]
                .as_str()
                .unwrap()
                .to_string()
        }
    };
    assert_eq!(role(&owner).await, "legal_representative");
    assert_eq!(role(&legal).await, "owner");
    assert_eq!(
        data(&api(&app, "GET", &handover, t, None).await, 200),
        Value::Null
    );
    assert!(
        app.mails_to(&legal.email)
            .await
            .iter()
            .any(|m| m.template == "handover_done")
    );
    // No longer the legal representative, they may leave.
    assert_eq!(
        api(&app, "POST", &format!("/api/1/orgs/{org}/leave"), t, None)
            .await
            .status,
        204
    );
}
guichet_core::both_engines!(the_legal_representative_hands_over_to_an_owner);

// proves: ORG-7
async fn billing_addresses_are_checked_and_one_is_the_default(app: Arc<TestApp>) {
    let legal = caller(&app, "legal@example.test").await;
    let t = Some(legal.token.as_str());
    let org = new_org(&app, &legal, "Example SA").await;
    let list = format!("/api/1/orgs/{org}/billing-addresses");
    let post = |body: Value| api(&app, "POST", &list, t, Some(body));

    let bad = json!({"name": "", "street": " ", "postcode": "120", "town": "T".repeat(36), "country": "CH"});
    assert_eq!(
        field_pairs(&post(bad).await),
        [
            pair("name", "required"),
            pair("street", "required"),
            pair("town", "too_long"),
            pair("postcode", "invalid_postcode")
        ]
    );
    let mut bad = address("Example SA");
    bad["country"] = json!("XX");
    assert_eq!(
        field_pairs(&post(bad).await),
        [pair("country", "invalid_country")]
    );
    let mut bad = address("Example SA");
    bad.as_object_mut().unwrap().remove("town");
    assert_eq!(
        field_pairs(&post(bad).await),
        [pair("town", "invalid_value")]
    );
    let mut bad = address("Example SA");
    bad["line2"] = json!("c/o");
    assert_eq!(refused(&post(bad).await, 422), "validation_failed");

    let first = data(&post(address("Head office")).await, 201);
    assert_eq!(
        first["is_default"], true,
        "the first address is the default"
    );
    assert_eq!(
        (first["postcode"].as_str(), first["country"].as_str()),
        (Some("1204"), Some("CH"))
    );
    let second = data(&post(address("Branch")).await, 201);
    assert_eq!(second["is_default"], false);
    let [a, b] = [
        first["id"].as_str().unwrap(),
        second["id"].as_str().unwrap(),
    ];

    let mut body = address("Branch Zürich");
    body["postcode"] = json!("8001");
    body["town"] = json!("Zürich");
    body["is_default"] = json!(true);
    let changed = data(
        &api(&app, "PATCH", &format!("{list}/{b}"), t, Some(body)).await,
        200,
    );
    assert_eq!(
        (changed["town"].as_str(), changed["is_default"].as_bool()),
        (Some("Zürich"), Some(true))
    );
    let defaults = |v: &Value| -> Vec<(String, bool)> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| {
                (
                    x["id"].as_str().unwrap().to_string(),
                    x["is_default"].as_bool().unwrap(),
                )
            })
            .collect()
    };
    let now = defaults(&data(&api(&app, "GET", &list, t, None).await, 200));
    assert!(
        now.contains(&(a.to_string(), false)) && now.contains(&(b.to_string(), true)),
        "{now:?}"
    );

    assert_eq!(
        refused(
            &api(&app, "DELETE", &format!("{list}/{b}"), t, None).await,
            409
        ),
        "default_address"
    );
    let mut body = address("Head office");
    body["is_default"] = json!(true);
    assert_eq!(
        data(
            &api(&app, "PATCH", &format!("{list}/{a}"), t, Some(body)).await,
            200
        )["is_default"],
        true
    );
    assert_eq!(
        api(&app, "DELETE", &format!("{list}/{b}"), t, None)
            .await
            .status,
        204
    );
    // The last one goes too, default or not.
    assert_eq!(
        api(&app, "DELETE", &format!("{list}/{a}"), t, None)
            .await
            .status,
        204
    );
    assert_eq!(api(&app, "GET", &list, t, None).await.json()["total"], 0);
    let res = api(
        &app,
        "PATCH",
        &format!("{list}/{a}"),
        t,
        Some(address("Gone")),
    )
    .await;
    assert_eq!(refused(&res, 404), "object_not_found");
}
guichet_core::both_engines!(billing_addresses_are_checked_and_one_is_the_default);

// proves: OPS-5
async fn the_audit_log_lists_each_change_newest_first(app: Arc<TestApp>) {
    let legal = caller(&app, "legal@example.test").await;
    let owner = caller(&app, "owner@example.test").await;
    let t = Some(legal.token.as_str());
    let secs = || app.ctx.clock.now().as_second();
    let step = || app.advance(SignedDuration::from_secs(60));

    let org = new_org(&app, &legal, "Example SA").await;
    add_member(&app, &org, &owner.id, Role::Owner, &[]).await;
    step();
    let t1 = secs();
    api(
        &app,
        "PATCH",
        &format!("/api/1/orgs/{org}"),
        t,
        Some(json!({"name": "Example AG"})),
    )
    .await;
    step();
    let t2 = secs();
    api(
        &app,
        "POST",
        &format!("/api/1/orgs/{org}/invitations"),
        t,
        Some(json!({"email": "x@example.test"})),
    )
    .await;
    step();
    let team = data(
        &api(
            &app,
            "POST",
            &format!("/api/1/orgs/{org}/teams"),
            t,
            Some(json!({"name": "Ops"})),
        )
        .await,
        201,
    );
    step();
    api(
        &app,
        "POST",
        &format!("/api/1/orgs/{org}/billing-addresses"),
        t,
        Some(address("Example AG")),
    )
    .await;
    step();
    let t5 = secs();
    let path = format!("/api/1/orgs/{org}/teams/{}", team["id"].as_str().unwrap());
    assert_eq!(
        api(
            &app,
            "PATCH",
            &path,
            Some(&owner.token),
            Some(json!({"name": "Operations"}))
        )
        .await
        .status,
        200
    );

    let audit = |query: &str| {
        let path = format!("/api/1/orgs/{org}/audit{query}");
        let (app, token) = (app.clone(), legal.token.clone());
        async move { api(&app, "GET", &path, Some(&token), None).await }
    };
    let actions = |res: &Answer| -> Vec<String> {
        data(res, 200)
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap().to_string())
            .collect()
    };
    let all = audit("").await;
    assert_eq!(
        actions(&all),
        [
            "team.updated",
            "address.created",
            "team.created",
            "invitation.created",
            "org.updated",
            "org.created"
        ]
    );
    assert_eq!(all.json()["total"], 6);
    let log = data(&all, 200);
    let newest = &log[0];
    assert_eq!(
        (
            newest["actor_user_id"].as_str(),
            newest["actor_email"].as_str()
        ),
        (Some(owner.id.as_str()), Some("owner@example.test"))
    );
    assert_eq!(newest["on_behalf"], "own");
    assert_eq!(newest["created_at"], t5);
    let renamed = &log[4];
    assert_eq!(
        (
            renamed["before"]["name"].as_str(),
            renamed["after"]["name"].as_str()
        ),
        (Some("Example SA"), Some("Example AG"))
    );
    assert_eq!(renamed["target"], format!("org:{org}"));

    assert_eq!(
        actions(&audit("?action=team.").await),
        ["team.updated", "team.created"]
    );
    assert_eq!(
        actions(&audit("?action=org.updated").await),
        ["org.updated"]
    );
    assert_eq!(
        actions(&audit(&format!("?actor={}", owner.id)).await),
        ["team.updated"]
    );
    assert_eq!(
        actions(&audit(&format!("?since={t2}&until={t5}")).await),
        ["address.created", "team.created", "invitation.created"]
    );
    assert_eq!(
        actions(&audit(&format!("?until={t1}")).await),
        ["org.created"]
    );
    let page = audit("?per_page=2&page=2").await;
    assert_eq!(actions(&page), ["team.created", "invitation.created"]);
    let j = page.json();
    assert_eq!(
        (
            j["total"].as_u64(),
            j["page"].as_u64(),
            j["pages"].as_u64(),
            j["items_per_page"].as_u64()
        ),
        (Some(6), Some(2), Some(3), Some(2))
    );

    assert_eq!(
        field_pairs(&audit("?since=yesterday").await),
        [pair("since", "invalid_value")]
    );
    assert_eq!(
        field_pairs(&audit("?until=99999999999999999").await),
        [pair("until", "invalid_value")]
    );
    assert_eq!(
        field_pairs(&audit("?colour=red").await),
        [pair("colour", "invalid_value")]
    );
    assert_eq!(
        field_pairs(&audit("?page=0").await),
        [pair("page", "invalid_value")]
    );
}
guichet_core::both_engines!(the_audit_log_lists_each_change_newest_first);
