//! `deals fx set|list`: the exchange rates `report --currency` converts with.

use std::io::Write;

use crate::cli::{FxCommand, FxListArgs, FxSetArgs};
use crate::db::fx;
use crate::error::{Error, Result};
use crate::model::Currency;
use crate::output::{self, Grid};

use super::Ctx;

pub fn run(ctx: &mut Ctx<'_>, command: &FxCommand) -> Result<()> {
    match command {
        FxCommand::Set(args) => set(ctx, args),
        FxCommand::List(args) => list(ctx, args),
    }
}

fn set(ctx: &mut Ctx<'_>, args: &FxSetArgs) -> Result<()> {
    let currency = args.currency;
    if currency == Currency::USD {
        return Err(Error::usage(
            "CURRENCY: rates are per US dollar, so USD is always 1",
        ));
    }
    let rate = args.rate;
    let on = args.on.start_iso();
    let tx = ctx.db.write()?;
    let new = fx::set(&tx, currency, &on, rate)?;
    tx.commit()?;
    let verb = if new { "Recorded" } else { "Replaced" };
    writeln!(ctx.output, "{verb} 1 USD = {rate} {currency} from {on}.")?;
    Ok(())
}

fn list(ctx: &mut Ctx<'_>, args: &FxListArgs) -> Result<()> {
    let rates = fx::list(ctx.db.conn(), args.currency)?;
    if ctx.output.format == output::Format::Json {
        return ctx.output.json_list(&rates);
    }
    let mut grid = if ctx.output.format == output::Format::Csv {
        Grid::new(vec!["currency", "effective_on", "per_usd"])
    } else {
        Grid::new(vec!["CURRENCY", "EFFECTIVE ON", "PER USD"])
    };
    for r in &rates {
        grid.push(vec![
            r.currency.clone(),
            r.effective_on.clone(),
            r.per_usd.to_string(),
        ]);
    }
    ctx.output.grid(grid)
}
