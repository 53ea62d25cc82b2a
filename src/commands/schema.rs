//! `deals schema`: the tables, views and full-text indexes, with their columns.

use crate::db::schema;
use crate::error::Result;
use crate::output;

use super::Ctx;

pub fn run(ctx: &mut Ctx<'_>) -> Result<()> {
    let objects = schema::objects(ctx.db.conn())?;
    output::schema::objects(&mut ctx.output, &objects)
}
