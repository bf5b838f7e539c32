//! The post-test invariant check (`testing::invariant_violations`, run
//! after every `both_engines!` test) finds what it promises: rows planted
//! behind the database's back, one of each kind, are each reported.

use guichet_core::{
    db::{Conn, Engine},
    sql,
    testing::{TestApp, declared_references, implied_references, invariant_violations},
};

async fn plant(engine: Engine) -> Option<Vec<String>> {
    let app = TestApp::new(engine).await?;
    assert_eq!(
        invariant_violations(&app.ctx).await,
        Vec::<String>::new(),
        "a fresh database is consistent"
    );
    let mut pooled = app.ctx.db.acquire().await.unwrap();
    let mut c = pooled.conn();
    // Foreign keys off for this connection, as a careless migration or a
    // hand edit would leave things.
    match c.engine() {
        Engine::Sqlite => sql!(c.reborrow(), execute, "PRAGMA foreign_keys = OFF"),
        Engine::Postgres => sql!(
            c.reborrow(),
            execute,
            "SET session_replication_role = replica"
        ),
    }
    .unwrap();
    for statement in [
        // A team place of a team and a user that do not exist.
        "INSERT INTO team_members (team_id, user_id, created_at) VALUES ('tea_gone', 'usr_gone', 0)",
        // An org with a right for a team it does not have, one for a user
        // who is not a member, and one for neither.
        "INSERT INTO orgs (id, name, kind, country, language, currency, created_at, updated_at)
         VALUES ('org_here', 'Here', 'company', 'CH', 'en', 'CHF', 0, 0)",
        "INSERT INTO rights (org_id, subject, right_name, created_at) VALUES ('org_here', 'team:tea_gone', 'members', 0)",
        "INSERT INTO rights (org_id, subject, right_name, created_at) VALUES ('org_here', 'user:usr_gone', 'members', 0)",
        "INSERT INTO rights (org_id, subject, right_name, created_at) VALUES ('org_here', 'everyone', 'members', 0)",
        // A team of the org with a member who is not one of the org's.
        "INSERT INTO teams (id, org_id, name, created_at, updated_at) VALUES ('tea_here', 'org_here', 'Here', 0, 0)",
        "INSERT INTO team_members (team_id, user_id, created_at) VALUES ('tea_here', 'usr_gone', 0)",
        // An audit event of an org and an actor that do not exist.
        "INSERT INTO audit_events (id, org_id, actor_user_id, on_behalf, action, target, ip, created_at)
         VALUES ('aud_1', 'org_gone', 'usr_ghost', 'own', 'org.updated', 'org:org_gone', '', 0)",
        // A mail without recipient, of a template nobody wrote, with a
        // placeholder left unfilled; a dead webhook row; a mail row that
        // is not a mail.
        "INSERT INTO outbox (id, kind, destination, payload, status, attempts, next_attempt_at, created_at)
         VALUES ('obx_1', 'mail', '', '{\"to\":\"\",\"lang\":\"en\",\"template\":\"no_such_template\",\"subject\":\"Hi\",\"text\":\"Hello {$name}\"}', 'pending', 0, 0, 0)",
        "INSERT INTO outbox (id, kind, destination, payload, status, attempts, next_attempt_at, created_at, last_error)
         VALUES ('obx_2', 'webhook', 'crm', '{\"id\":\"evt_1\",\"type\":\"org.updated\",\"created_at\":0,\"data\":{}}', 'dead', 9, 0, 0, 'HTTP 500')",
        "INSERT INTO outbox (id, kind, destination, payload, status, attempts, next_attempt_at, created_at, delivered_at)
         VALUES ('obx_3', 'mail', 'ada@example.test', 'not json', 'pending', 0, 0, 0, 5)",
    ] {
        sql!(c.reborrow(), execute, statement).unwrap();
    }
    if c.engine() == Engine::Postgres {
        sql!(
            c.reborrow(),
            execute,
            "SET session_replication_role = DEFAULT"
        )
        .unwrap();
    }
    check_reference_lists(c.reborrow()).await;
    drop(pooled);
    Some(invariant_violations(&app.ctx).await)
}

/// The references are read from the schema, not written by hand.
async fn check_reference_lists(mut c: Conn<'_>) {
    let declared = declared_references(c.reborrow()).await;
    let names: Vec<String> = declared
        .iter()
        .map(|r| {
            format!(
                "{}.{} -> {}.{}",
                r.table, r.column, r.parent, r.parent_column
            )
        })
        .collect();
    for expected in [
        "team_members.team_id -> teams.id",
        "team_members.user_id -> users.id",
        "invitations.accepted_by -> users.id",
        "members.org_id -> orgs.id",
    ] {
        assert!(names.contains(&expected.to_string()), "{names:#?}");
    }
    let implied: Vec<String> = implied_references(c, &declared)
        .await
        .iter()
        .map(|r| {
            format!(
                "{}.{} -> {}.{}",
                r.table, r.column, r.parent, r.parent_column
            )
        })
        .collect();
    assert!(
        implied.contains(&"audit_events.org_id -> orgs.id".to_string())
            && implied.contains(&"audit_events.actor_user_id -> users.id".to_string()),
        "{implied:#?}"
    );
}

fn assert_reported(found: &[String]) {
    for expected in [
        "orphan row(s): team_members.team_id names no teams.id",
        "orphan row(s): team_members.user_id names no users.id",
        "row(s) of audit_events.org_id name no orgs.id",
        "row(s) of audit_events.actor_user_id name no users.id",
        "a right granted to a team that is not one of its organisation: org_here team:tea_gone members",
        "a right granted to a user who is not a member of its organisation: org_here user:usr_gone members",
        "a right granted to something that is neither a user nor a team: org_here everyone members",
        "a team member who is not a member of the team's organisation: tea_here usr_gone",
        "outbox obx_1: no destination",
        "outbox obx_1 (mail no_such_template): no recipient",
        "outbox obx_1 (mail no_such_template): unknown template (mail-no-such-template-subject",
        "outbox obx_1 (mail no_such_template): unknown template (mail-no-such-template-body",
        "outbox obx_1 (mail no_such_template): an unfilled placeholder in the text",
        "outbox obx_2: dead (HTTP 500)",
        "outbox obx_3: pending with a delivery time",
        "outbox obx_3: not a mail",
    ] {
        assert!(
            found.iter().any(|f| f.contains(expected)),
            "`{expected}` not reported in {found:#?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn planted_inconsistencies_are_each_reported_on_sqlite() {
    let found = plant(Engine::Sqlite).await.expect("SQLite");
    assert_reported(&found);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn planted_inconsistencies_are_each_reported_on_postgres() {
    if let Some(found) = plant(Engine::Postgres).await {
        assert_reported(&found);
    }
}
