#pragma once

#include <QString>
#include <QStringList>

class QTextStream;

/// `vigil-node audit ...`: checks and reads the audit log of a node's ops.db from the command
/// line (it works while the node runs: SQLite WAL lets it read beside the node's writes).
///
///     audit verify                       walks the whole hash chain
///     audit list [--limit N] [--before SEQ] [--actor NAME] [--action ACTION] [--target TARGET]
///                                        one line per entry, newest first (N: 1..500, default 50)
///
/// `args` are the words after `vigil-node` or after `audit` (a leading "audit" is skipped, and so is
/// a `--data-dir DIR` pair, which the caller already turned into `opsDbPath`).
/// Exit codes: 0 the log is intact / the list was printed; 1 the chain is broken (the reason is
/// printed); 2 bad arguments, or no readable ops database at `opsDbPath`.
int runAuditCommand(const QStringList& args, const QString& opsDbPath, QTextStream& out, QTextStream& err);
