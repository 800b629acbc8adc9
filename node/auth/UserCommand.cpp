#include "node/auth/UserCommand.h"

#include "node/auth/PasswordGenerator.h"
#include "node/auth/UserDirectory.h"
#include "node/ops/OpsDatabase.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <QTextStream>

namespace {

constexpr int ExitOk = 0;
constexpr int ExitFailed = 1;
constexpr int ExitUsage = 2;

struct Arguments
{
    QString command;
    QStringList positional;
    std::optional<QString> role;
    QStringList units;
    bool passwordStdin = false;
};

/// Splits `words` (after the subcommand) into positionals and the options `allowed` permits.
/// Returns an error text for a usage error.
QString parseOptions(const QStringList& words, const QSet<QString>& allowed, Arguments& parsed)
{
    bool optionsEnded = false;
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QString& word = words.at(i);
        if (optionsEnded || !word.startsWith(u'-')) {
            parsed.positional.append(word);
            continue;
        }
        if (word == QLatin1String("--")) {
            optionsEnded = true;
            continue;
        }
        const qsizetype eq = word.indexOf(u'=');
        const QString option = eq < 0 ? word : word.left(eq);
        if (!allowed.contains(option))
            return QStringLiteral("'user %1' does not take the option %2").arg(parsed.command, option);
        if (option == QLatin1String("--password-stdin")) {
            if (eq >= 0)
                return QStringLiteral("--password-stdin takes no value");
            parsed.passwordStdin = true;
            continue;
        }
        QString value;
        if (eq >= 0) {
            value = word.mid(eq + 1);
        } else {
            if (i + 1 >= words.size())
                return QStringLiteral("%1 needs a value").arg(option);
            value = words.at(++i);
        }
        if (option == QLatin1String("--role")) {
            if (parsed.role)
                return QStringLiteral("--role is given twice");
            parsed.role = value;
        } else {
            parsed.units.append(value);
        }
    }
    return {};
}

/// The password for add/passwd: one line from `in`, or a generated one (printed later).
std::optional<QString> obtainPassword(const Arguments& arguments, QTextStream& in, QTextStream& err, bool* generated)
{
    *generated = false;
    if (arguments.passwordStdin) {
        QString line = in.readLine();
        if (line.isNull()) {
            err << "no password on standard input\n";
            return std::nullopt;
        }
        if (line.endsWith(u'\r'))
            line.chop(1);
        return line;
    }
    const QString password = PasswordGenerator::generate();
    if (password.isEmpty()) {
        err << "cannot generate a password (no random bytes)\n";
        return std::nullopt;
    }
    *generated = true;
    return password;
}

void printGenerated(QTextStream& out, const QString& name, const QString& password)
{
    out << "password for " << name << ": " << password << '\n'
        << "(shown only this once: only a salted hash is stored)\n";
}

int usageError(QTextStream& err, const QString& message)
{
    err << "vigil-node user: " << message << "\n\n" << userCommandUsage();
    return ExitUsage;
}

int runAdd(UserDirectory& users, const Arguments& arguments, QTextStream& out, QTextStream& err, QTextStream& in)
{
    const QString& name = arguments.positional.at(0);
    const std::optional<Role> role = roleFromName(arguments.role->toLower());
    bool generated = false;
    const std::optional<QString> password = obtainPassword(arguments, in, err, &generated);
    if (!password)
        return ExitFailed;
    QString error;
    if (!users.addUser(name, *role, arguments.units, *password, &error)) {
        err << "cannot add user " << name << ": " << error << '\n';
        return ExitFailed;
    }
    const std::optional<UserDirectory::User> user = users.find(name);
    out << "added user " << name << " (" << roleName(*role);
    if (user && !user->units.isEmpty())
        out << ", units " << user->units.join(QStringLiteral(", "));
    out << ")\n";
    if (generated)
        printGenerated(out, name, *password);
    return ExitOk;
}

int runPasswd(UserDirectory& users, const Arguments& arguments, QTextStream& out, QTextStream& err, QTextStream& in)
{
    const QString& name = arguments.positional.at(0);
    if (!users.find(name)) {
        err << "no user named " << name << '\n';
        return ExitFailed;
    }
    bool generated = false;
    const std::optional<QString> password = obtainPassword(arguments, in, err, &generated);
    if (!password)
        return ExitFailed;
    QString error;
    if (!users.setPassword(name, *password, &error)) {
        err << "cannot change the password of " << name << ": " << error << '\n';
        return ExitFailed;
    }
    out << "changed the password of " << name << "; their sessions are signed out\n";
    if (generated)
        printGenerated(out, name, *password);
    return ExitOk;
}

int runSetDisabled(UserDirectory& users, const Arguments& arguments, bool disabled, QTextStream& out,
                   QTextStream& err)
{
    const QString& name = arguments.positional.at(0);
    QString error;
    if (!users.setDisabled(name, disabled, &error)) {
        err << "cannot " << (disabled ? "disable " : "enable ") << name << ": " << error << '\n';
        return ExitFailed;
    }
    if (disabled)
        out << "disabled " << name << "; their sessions are signed out\n";
    else
        out << "enabled " << name << '\n';
    return ExitOk;
}

int runList(UserDirectory& users, QTextStream& out)
{
    const QList<UserDirectory::User> all = users.list();
    if (all.isEmpty()) {
        out << "no users\n";
        return ExitOk;
    }
    qsizetype nameWidth = 4;
    for (const UserDirectory::User& user : all)
        nameWidth = std::max(nameWidth, user.name.size());
    const auto row = [&](const QString& name, const QString& role, const QString& disabled, const QString& units) {
        out << name.leftJustified(nameWidth + 2) << role.leftJustified(9) << disabled.leftJustified(10) << units;
        out << '\n';
    };
    row(QStringLiteral("NAME"), QStringLiteral("ROLE"), QStringLiteral("DISABLED"), QStringLiteral("UNITS"));
    for (const UserDirectory::User& user : all) {
        row(user.name, roleName(user.role), user.disabled ? QStringLiteral("yes") : QStringLiteral("no"),
            user.units.isEmpty() ? QStringLiteral("-") : user.units.join(u','));
    }
    return ExitOk;
}

int run(const QStringList& args, const QString& opsDbPath, QTextStream& out, QTextStream& err, QTextStream& in)
{
    QStringList words = args;
    if (!words.isEmpty() && words.first() == QLatin1String("user"))
        words.removeFirst();
    if (words.isEmpty())
        return usageError(err, QStringLiteral("missing subcommand"));

    Arguments arguments;
    arguments.command = words.takeFirst();
    const QString& command = arguments.command;
    if (command == QLatin1String("help") || command == QLatin1String("--help") || command == QLatin1String("-h")) {
        out << userCommandUsage();
        return ExitOk;
    }

    QSet<QString> allowed;
    int positionals = 1;
    if (command == QLatin1String("add"))
        allowed = {QStringLiteral("--role"), QStringLiteral("--unit"), QStringLiteral("--password-stdin")};
    else if (command == QLatin1String("passwd"))
        allowed = {QStringLiteral("--password-stdin")};
    else if (command == QLatin1String("list"))
        positionals = 0;
    else if (command != QLatin1String("disable") && command != QLatin1String("enable"))
        return usageError(err, QStringLiteral("unknown subcommand '%1'").arg(command));

    const QString parseError = parseOptions(words, allowed, arguments);
    if (!parseError.isEmpty())
        return usageError(err, parseError);
    if (arguments.positional.size() != positionals) {
        return usageError(err, positionals == 0 ? QStringLiteral("'user list' takes no arguments")
                                                : QStringLiteral("'user %1' takes exactly one user name").arg(command));
    }
    if (command == QLatin1String("add")) {
        if (!arguments.role)
            return usageError(err, QStringLiteral("'user add' needs --role support|nurse|admin"));
        if (!roleFromName(arguments.role->toLower()))
            return usageError(err, QStringLiteral("unknown role '%1' (support, nurse or admin)").arg(*arguments.role));
    }

    // Only `add` may create the database: a typo in --data-dir must not silently list nobody.
    if (command != QLatin1String("add") && !QFileInfo::exists(opsDbPath)) {
        err << "no operations database at " << opsDbPath << " (wrong --data-dir, or no user added yet)\n";
        return ExitFailed;
    }
    if (command == QLatin1String("add") && !QDir().mkpath(QFileInfo(opsDbPath).absolutePath())) {
        err << "cannot create the folder of " << opsDbPath << '\n';
        return ExitFailed;
    }
    OpsDatabase database;
    QString error;
    if (!database.open(opsDbPath, &error) || !UserDirectory::ensureSchema(database.db(), &error)) {
        err << "cannot open " << opsDbPath << ": " << error << '\n';
        return ExitFailed;
    }
    UserDirectory users(database.db());

    if (command == QLatin1String("add"))
        return runAdd(users, arguments, out, err, in);
    if (command == QLatin1String("passwd"))
        return runPasswd(users, arguments, out, err, in);
    if (command == QLatin1String("disable") || command == QLatin1String("enable"))
        return runSetDisabled(users, arguments, command == QLatin1String("disable"), out, err);
    return runList(users, out);
}

} // namespace

QString userCommandUsage()
{
    return QStringLiteral(
        "usage: vigil-node user <subcommand> [--data-dir DIR]\n"
        "  add <name> --role support|nurse|admin [--unit UNIT]... [--password-stdin]\n"
        "                                 add a user (nurses need at least one --unit)\n"
        "  passwd <name> [--password-stdin]\n"
        "                                 set a new password and sign out the user's sessions\n"
        "  disable <name>                 refuse sign-in and sign out the user's sessions\n"
        "  enable <name>                  allow sign-in again\n"
        "  list                           name, role, disabled, units\n"
        "Without --password-stdin a random 20-character password is generated and printed once.\n"
        "With it, the first line of standard input is the password (at least 12 characters).\n");
}

int runUserCommand(const QStringList& args, const QString& opsDbPath, QTextStream& out, QTextStream& err,
                   QTextStream& in)
{
    const int code = run(args, opsDbPath, out, err, in);
    out.flush();
    err.flush();
    return code;
}
