#include "node/audit/AuditCommand.h"

#include "node/audit/AuditLog.h"
#include "node/ops/OpsDatabase.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTextStream>

namespace {

constexpr int DefaultListLimit = 50;

void printUsage(QTextStream& err)
{
    err << "usage: vigil-node audit verify [--data-dir DIR]\n"
           "       vigil-node audit list [--limit N] [--before SEQ] [--actor NAME] [--action ACTION] "
           "[--target TARGET] [--data-dir DIR]\n";
    err.flush();
}

// Actors of failed sign-ins and reasons are whatever a client sent: escape control characters so
// an entry can never forge a second output line.
QString printable(const QString& text)
{
    QString result;
    result.reserve(text.size());
    for (const QChar c : text) {
        if (c == u'\\')
            result += u"\\\\";
        else if (c == u'"')
            result += u"\\\"";
        else if (c == u'\n')
            result += u"\\n";
        else if (c == u'\r')
            result += u"\\r";
        else if (c == u'\t')
            result += u"\\t";
        else if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format
            || c == QChar::LineSeparator || c == QChar::ParagraphSeparator)
            result += QStringLiteral("\\u%1").arg(int(c.unicode()), 4, 16, QChar(u'0'));
        else
            result += c;
    }
    return result;
}

QString formatEntry(const AuditEntry& entry)
{
    QString line = QString::number(entry.seq) % u"  "
        % QDateTime::fromMSecsSinceEpoch(entry.atMs, Qt::UTC).toString(Qt::ISODateWithMs) % u"  "
        % (entry.actor.isEmpty() ? QStringLiteral("-") : printable(entry.actor));
    if (!entry.role.isEmpty())
        line += u" (" % printable(entry.role) % u')';
    if (!entry.remote.isEmpty())
        line += u" from " % printable(entry.remote);
    line += u"  " % printable(entry.action) % u' '
        % (entry.target.isEmpty() ? QStringLiteral("-") : printable(entry.target)) % u"  " % printable(entry.outcome);
    if (!entry.reason.isEmpty())
        line += u"  reason \"" % printable(entry.reason) % u'"';
    if (!entry.detail.isEmpty())
        line += u"  " % QString::fromUtf8(QJsonDocument(entry.detail).toJson(QJsonDocument::Compact));
    return line;
}

int verify(AuditLog& log, QTextStream& out)
{
    const AuditVerifyResult result = log.verify();
    if (result.ok) {
        out << "audit log intact: " << result.entriesChecked << " entries\n";
        if (result.headSeq > 0)
            out << "head: seq " << result.headSeq << " sha256 " << result.headHash << '\n';
        out.flush();
        return 0;
    }
    out << "audit log NOT intact: " << result.reason << '\n';
    if (result.firstBadSeq > 0)
        out << result.entriesChecked << " entries verified before seq " << result.firstBadSeq << '\n';
    out.flush();
    return 1;
}

int list(AuditLog& log, const QStringList& options, QTextStream& out, QTextStream& err)
{
    AuditFilter filter;
    filter.limit = DefaultListLimit;
    for (qsizetype i = 0; i < options.size(); i += 2) {
        const QString& option = options.at(i);
        if (i + 1 >= options.size()) {
            err << "audit list: " << option << " needs a value\n";
            printUsage(err);
            return 2;
        }
        const QString& value = options.at(i + 1);
        bool ok = true;
        if (option == u"--limit") {
            filter.limit = value.toInt(&ok);
            ok = ok && filter.limit >= 1 && filter.limit <= AuditLog::MaxPageSize;
        } else if (option == u"--before") {
            filter.beforeSeq = value.toLongLong(&ok);
            ok = ok && filter.beforeSeq > 0;
        } else if (option == u"--actor") {
            filter.actor = value;
        } else if (option == u"--action") {
            filter.action = value;
        } else if (option == u"--target") {
            filter.target = value;
        } else {
            err << "audit list: unknown option " << option << '\n';
            printUsage(err);
            return 2;
        }
        if (!ok) {
            err << "audit list: bad value for " << option << ": " << value << '\n';
            printUsage(err);
            return 2;
        }
    }

    QString error;
    const auto page = log.list(filter, &error);
    if (!page) {
        err << "audit list: " << error << '\n';
        err.flush();
        return 2;
    }
    for (const AuditEntry& entry : page->entries)
        out << formatEntry(entry) << '\n';
    out.flush();
    if (page->nextBeforeSeq > 0)
        err << "(older entries: audit list --before " << page->nextBeforeSeq << ")\n";
    err.flush();
    return 0;
}

} // namespace

int runAuditCommand(const QStringList& args, const QString& opsDbPath, QTextStream& out, QTextStream& err)
{
    QStringList words;
    for (qsizetype i = 0; i < args.size(); ++i) {
        if (args.at(i) == u"--data-dir") {
            ++i;
            continue;
        }
        words.append(args.at(i));
    }
    if (!words.isEmpty() && words.constFirst() == u"audit")
        words.removeFirst();
    if (words.isEmpty() || (words.constFirst() != u"verify" && words.constFirst() != u"list")
        || (words.constFirst() == u"verify" && words.size() > 1)) {
        printUsage(err);
        return 2;
    }

    // Opening a missing file would create an empty ops.db and report an intact, empty log: say
    // plainly that there is nothing to verify instead.
    if (!QFileInfo(opsDbPath).isFile()) {
        err << "no ops database at " << opsDbPath << " (is --data-dir the node's data directory?)\n";
        err.flush();
        return 2;
    }
    OpsDatabase database;
    QString error;
    if (!database.open(opsDbPath, &error) || !AuditLog::ensureSchema(database.db(), &error)) {
        err << error << '\n';
        err.flush();
        return 2;
    }
    AuditLog log(database.db(), {});
    if (words.constFirst() == u"verify")
        return verify(log, out);
    return list(log, words.mid(1), out, err);
}
