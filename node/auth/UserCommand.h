#pragma once

#include <QString>
#include <QStringList>

class QTextStream;

/// `vigil-node user ...`: manages the node's users in ops.db from a shell on the node's machine
/// (whoever can write ops.db is an administrator anyway). Works while the node runs; a password
/// change or a disable ends the user's sessions at once.
///
/// `args` are the words after `vigil-node` without the global options (--data-dir); a leading
/// "user" is skipped. Returns the process exit code: 0 done, 1 failed (unknown user, duplicate,
/// password policy, database), 2 usage error. Never prints a password hash; prints a generated
/// password exactly once.
int runUserCommand(const QStringList& args, const QString& opsDbPath, QTextStream& out, QTextStream& err,
                   QTextStream& in);

/// The synopsis printed by `vigil-node user help` and on usage errors.
QString userCommandUsage();
