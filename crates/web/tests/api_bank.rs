//! The staff bank API end to end (issue 15): statements uploaded as
//! multipart, what each file did, a bad file refused beside a good one,
//! the suspense listed and given away once — by role, through the router.

use std::sync::Arc;

use axum::{
    body::Body,
    http::{Request, StatusCode, header},
};
use guichet_core::{
    Ctx,
    billing::{self, Issuer},
    both_engines,
    ids::OrgId,
    staff::StaffRole,
    testing::TestApp,
};
use serde_json::{Value, json};

use crate::{
    orgs_support::{call, caller, code, org_of},
    support::{Answer, send_to},
};

const PASSWORD: &str = "Lantern-Quarry-Mosaic-73";
const BOUNDARY: &str = "guichet-test-boundary-7MA4YWxkTrZu0gW";

fn data(a: &Answer) -> Value {
    a.json()["data"].clone()
}

async fn staff_token(app: &TestApp, email: &str, roles: &[StaffRole]) -> String {
    guichet_core::accounts::create_user(&app.ctx, email, PASSWORD, true)
        .await
        .unwrap();
    guichet_core::staff::create_staff(&app.ctx, email, roles)
        .await
        .unwrap();
    guichet_core::staff::create_token_for(&app.ctx, email, "bank", 30)
        .await
        .unwrap()
        .token
}

/// An issued invoice for `org`; answers its number and reference.
async fn invoice(ctx: &Ctx, by: &guichet_core::access::Actor, org: &OrgId) -> (String, String) {
    let address = serde_json::from_value(json!({"name": "Example SA", "street": "Rue du Lac",
        "building_number": "12", "postcode": "1204", "town": "Genève", "country": "CH"}))
    .unwrap();
    guichet_core::orgs::save_address(ctx, by, org, None, &address, true)
        .await
        .unwrap();
    let lines = serde_json::from_value(json!({"lines": [
        {"description": "Web hosting", "quantity": 1, "unit_price": "100.00", "vat_class": "standard"}]}))
    .unwrap();
    let v = billing::invoices::create_and_issue(ctx, Issuer::Operator, org, &lines)
        .await
        .unwrap();
    (v.number.unwrap(), v.reference.unwrap().replace(' ', ""))
}

/// A camt.054.001.04 of credits `(amount, reference, bank reference,
/// debtor's IBAN)` on the demo account.
pub fn camt054(credits: &[(&str, &str, &str, &str)]) -> String {
    let entries: String = credits
        .iter()
        .map(|(amount, reference, bank_ref, debtor)| {
            format!(
                r#"<Ntry><Amt Ccy="CHF">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>2026-12-01</Dt></BookgDt>
        <NtryDtls><TxDtls><Refs><AcctSvcrRef>{bank_ref}</AcctSvcrRef></Refs>
          <AmtDtls><TxAmt><Amt Ccy="CHF">{amount}</Amt></TxAmt></AmtDtls>
          <RltdPties><Dbtr><Nm>Claudia Rossi</Nm></Dbtr><DbtrAcct><Id><IBAN>{debtor}</IBAN></Id></DbtrAcct></RltdPties>
          <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>{reference}</Ref></CdtrRefInf></Strd></RmtInf>
        </TxDtls></NtryDtls></Ntry>"#
            )
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.04">
  <BkToCstmrDbtCdtNtfctn>
    <GrpHdr><MsgId>M-1</MsgId><CreDtTm>2026-12-01T18:00:00</CreDtTm></GrpHdr>
    <Ntfctn><Id>N-1</Id><CreDtTm>2026-12-01T18:00:00</CreDtTm>
      <Acct><Id><IBAN>CH9300762011623852957</IBAN></Id></Acct>
      {entries}
    </Ntfctn>
  </BkToCstmrDbtCdtNtfctn>
</Document>
"#
    )
}

/// A multipart body of `files` (name, content), each in a `file` part.
fn multipart(files: &[(&str, &str)]) -> Vec<u8> {
    let mut body = String::new();
    for (name, content) in files {
        body.push_str(&format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/xml\r\n\r\n{content}\r\n"
        ));
    }
    body.push_str(&format!("--{BOUNDARY}--\r\n"));
    body.into_bytes()
}

async fn upload(ctx: &Ctx, token: &str, body: Vec<u8>, content_type: &str) -> Answer {
    let req = Request::post("/api/1/staff/bank/statements")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .unwrap();
    send_to(
        guichet_web::router(guichet_web::AppState::new(ctx.clone())),
        req,
    )
    .await
}

both_engines!(staff_import_statements_and_give_away_what_nobody_claimed);
async fn staff_import_statements_and_give_away_what_nobody_claimed(app: Arc<TestApp>) {
    // proves: BNK-2, BNK-3, BNK-4, OPS-5
    let ctx = app.ctx.clone();
    let ada = caller(&app, "ada@example.test").await;
    let org = org_of(&app, &ada, "Example SA").await;
    let (_, paid_ref) = invoice(&ctx, &ada.actor, &org).await;
    let (open_number, _) = invoice(&ctx, &ada.actor, &org).await;
    let billing = staff_token(&app, "billing@provider.test", &[StaffRole::Billing]).await;
    let support = staff_token(&app, "support@provider.test", &[StaffRole::Support]).await;
    let multipart_type = format!("multipart/form-data; boundary={BOUNDARY}");

    let day = camt054(&[
        ("108.10", &paid_ref, "API-1", "CH3600700110000284561"),
        (
            "108.10",
            "RF18539007547034",
            "API-2",
            "CH5604835012345678009",
        ),
    ]);
    let cut = &day[..day.len() / 2];
    let body = multipart(&[("day.xml", &day), ("cut.xml", cut)]);
    // Not theirs: support is refused, a customer's token names nothing.
    assert_eq!(
        upload(&ctx, &support, body.clone(), &multipart_type)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        upload(&ctx, &ada.token, body.clone(), &multipart_type)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let res = upload(&ctx, &billing, body.clone(), &multipart_type).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    let outcomes = data(&res);
    assert_eq!(outcomes[0]["file_name"], "day.xml");
    assert_eq!(outcomes[0]["status"], "imported");
    assert_eq!(outcomes[0]["summary"]["booked"], 2);
    assert_eq!(outcomes[0]["summary"]["matched"], 1);
    assert_eq!(outcomes[0]["summary"]["suspense"], 1);
    assert_eq!(outcomes[1]["status"], "refused");
    assert!(
        outcomes[1]["error"]
            .as_str()
            .unwrap()
            .contains("cut.xml: line "),
        "{outcomes}"
    );
    // Sent again: booked before, nothing moves.
    let again = data(
        &upload(
            &ctx,
            &billing,
            multipart(&[("day.xml", &day)]),
            &multipart_type,
        )
        .await,
    );
    assert_eq!(again[0]["summary"]["booked"], 0);
    assert_eq!(again[0]["summary"]["already_booked"], 2);
    // Not multipart, or no file.
    let res = upload(&ctx, &billing, day.clone().into_bytes(), "application/xml").await;
    assert_eq!(
        (res.status, code(&res)),
        (StatusCode::BAD_REQUEST, "invalid_multipart".into())
    );
    let empty = format!("--{BOUNDARY}--\r\n").into_bytes();
    let res = upload(&ctx, &billing, empty, &multipart_type).await;
    assert_eq!(
        res.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        res.text()
    );

    // A day's file is larger than an API body may be (1 MiB): the upload
    // has its own limit. From the account that paid the invoice: each
    // credit goes to the org's prepaid account.
    let refs: Vec<String> = (0..4000).map(|i| format!("BIG-{i}")).collect();
    let big = camt054(
        &refs
            .iter()
            .map(|r| {
                (
                    "0.50",
                    "RF18539007547034",
                    r.as_str(),
                    "CH3600700110000284561",
                )
            })
            .collect::<Vec<_>>(),
    );
    assert!(big.len() > 2 * 1024 * 1024, "{} bytes", big.len());
    let res = upload(
        &ctx,
        &billing,
        multipart(&[("big.xml", &big)]),
        &multipart_type,
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    assert_eq!(data(&res)[0]["summary"]["booked"], 4000);
    assert_eq!(data(&res)[0]["summary"]["suspense"], 0);

    let imports = data(
        &call(
            &ctx,
            "GET",
            "/api/1/staff/bank/imports",
            &billing,
            None,
            None,
        )
        .await,
    );
    assert_eq!(imports.as_array().unwrap().len(), 3, "{imports}");
    let held = data(
        &call(
            &ctx,
            "GET",
            "/api/1/staff/bank/suspense",
            &billing,
            None,
            None,
        )
        .await,
    );
    assert_eq!(held.as_array().unwrap().len(), 1);
    assert_eq!(
        held[0]["amount"],
        json!({"amount": "108.10", "currency": "CHF"})
    );
    assert_eq!(held[0]["debtor_name"], "Claudia Rossi");
    assert_eq!(
        call(
            &ctx,
            "GET",
            "/api/1/staff/bank/suspense",
            &support,
            None,
            None
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let id = held[0]["id"].as_str().unwrap();
    let path = format!("/api/1/staff/bank/entries/{id}/assign");
    let res = call(
        &ctx,
        "POST",
        &path,
        &billing,
        Some(json!({"invoice": "9999-99999"})),
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        res.json()["error"]["errors"][0]["code"],
        "unknown_invoice",
        "{}",
        res.text()
    );
    let res = call(
        &ctx,
        "POST",
        &path,
        &billing,
        Some(json!({"invoice": open_number})),
        None,
    )
    .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text());
    assert_eq!(data(&res)["outcome"], "assigned");
    assert_eq!(data(&res)["org_id"], org.to_string());
    let res = call(
        &ctx,
        "POST",
        &path,
        &billing,
        Some(json!({"org_id": org.to_string()})),
        None,
    )
    .await;
    assert_eq!(
        (res.status, code(&res)),
        (StatusCode::CONFLICT, "not_in_suspense".into())
    );
    let nobody = "/api/1/staff/bank/entries/bke_01J00000000000000000000000/assign";
    assert_eq!(
        call(
            &ctx,
            "POST",
            nobody,
            &billing,
            Some(json!({"org_id": org.to_string()})),
            None
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
}
