//! `deals access grant USER --read|--write` and `deals access revoke USER`:
//! rights on a PostgreSQL database, each change in one transaction.

use std::io::Write;

use crate::cli::AccessCommand;
use crate::db::access;
use crate::error::Result;

use super::Ctx;

pub fn run(ctx: &mut Ctx<'_>, command: &AccessCommand) -> Result<()> {
    let tx = ctx.db.write()?;
    let said = match command {
        AccessCommand::Grant(args) => {
            access::grant(&tx, &args.user, args.write)?;
            if args.write {
                format!("{} may now read and change the deals.", args.user)
            } else {
                format!("{} may now read the deals, and change nothing.", args.user)
            }
        }
        AccessCommand::Revoke(args) => {
            access::revoke(&tx, &args.user)?;
            format!("{} may no longer read or change the deals.", args.user)
        }
    };
    tx.commit()?;
    writeln!(ctx.output, "{said}")?;
    Ok(())
}
