//! ACC-5: newsletter subscriptions by topic.

use super::{NewsletterTopic, store};
use crate::ids::UserId;
use crate::{
    Ctx,
    access::{self, Action, Actor, Target},
    error::{Error, Result},
    i18n::Lang,
};

/// ACC-5: the configured topics, each with the user's choice.
pub async fn newsletters(ctx: &Ctx, actor: &Actor, lang: Lang) -> Result<Vec<NewsletterTopic>> {
    access::check(actor, Action::ReadProfile, Target::User(&actor.user_id))?;
    topics_of(ctx, &actor.user_id, lang).await
}

/// The topics with the user's choices, unchecked: for the operations that
/// checked their own right (a change answers with what it changed, so a
/// token that may write needs no read scope too).
async fn topics_of(ctx: &Ctx, user_id: &UserId, lang: Lang) -> Result<Vec<NewsletterTopic>> {
    let mut c = ctx.db.acquire().await?;
    let on = store::subscribed_topics(c.conn(), user_id).await?;
    Ok(ctx
        .config
        .newsletter_topics
        .iter()
        .map(|t| NewsletterTopic {
            id: t.id.clone(),
            name: t.name(lang).to_string(),
            subscribed: on.contains(&t.id),
        })
        .collect())
}

/// ACC-5: switch topics: the ones listed are on, the others off.
pub async fn set_newsletters(
    ctx: &Ctx,
    actor: &Actor,
    topics: &[String],
    lang: Lang,
) -> Result<Vec<NewsletterTopic>> {
    access::check(actor, Action::UpdateProfile, Target::User(&actor.user_id))?;
    let mut chosen: Vec<String> = Vec::new();
    for t in topics {
        if !ctx.config.newsletter_topics.iter().any(|c| &c.id == t) {
            return Err(Error::invalid(
                "topics",
                "unknown_topic",
                format!("`{t}` is not a newsletter topic."),
            ));
        }
        if !chosen.contains(t) {
            chosen.push(t.clone());
        }
    }
    let now = ctx.clock.now().as_millisecond();
    let mut tx = ctx.db.begin().await?;
    store::set_topics(tx.conn(), &actor.user_id, &chosen, now).await?;
    tx.commit().await?;
    topics_of(ctx, &actor.user_id, lang).await
}
