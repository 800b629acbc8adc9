#include "tests/bench/ConsoleBenchData.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace ConsoleBenchData {

QString correlationIdOf(qint64 id)
{
    return QString::number(quint64(id) * 2654435761u, 16).rightJustified(32, u'0');
}

QString controlIdOf(qint64 id)
{
    return u"FWY3LC1A-"_s + QString::number(id).rightJustified(8, u'0');
}

QString patientIdOf(qint64 id)
{
    return u"MRN"_s + QString::number(id % 50'000);
}

QJsonObject summary(qint64 id)
{
    static const QString types[] = { u"ADT"_s, u"ORU"_s, u"ORM"_s, u"SIU"_s };
    static const QString triggers[] = { u"A01"_s, u"R01"_s, u"O01"_s, u"S12"_s };
    static const QString states[] = { u"accepted"_s, u"accepted"_s, u"accepted"_s, u"invalid"_s, u"duplicate"_s };
    QJsonObject o { { u"id"_s, id }, { u"correlationId"_s, correlationIdOf(id) },
        { u"channel"_s, id % 3 ? u"hl7-in"_s : u"lab-in"_s },
        { u"receivedAt"_s, QDateTime::fromMSecsSinceEpoch(kBaseMs + id * 300, Qt::UTC).toString(Qt::ISODateWithMs) },
        { u"format"_s, u"hl7v2"_s }, { u"state"_s, states[id % 5] }, { u"messageType"_s, types[id % 4] },
        { u"triggerEvent"_s, triggers[id % 4] }, { u"controlId"_s, controlIdOf(id) },
        { u"sendingApplication"_s, u"VIGILFEED"_s }, { u"sendingFacility"_s, u"SYNTH_GENERAL"_s },
        { u"patientId"_s, id % 7 == 0 ? u"***"_s : patientIdOf(id) }, { u"unit"_s, u"4B"_s }, { u"ackCode"_s, u"AA"_s },
        { u"routedTo"_s, QJsonArray { u"ehr"_s, u"lab-results"_s, u"archive"_s } },
        { u"deliveredTo"_s, QJsonArray { u"archive"_s, u"ehr"_s } }, { u"deadLetteredAt"_s, QJsonArray {} } };
    if (id % 4 == 1)
        o.insert(u"fillerOrderNumber"_s, QString(u"ACC"_s + QString::number(id)));
    return o;
}

double residentMb(qint64 pid)
{
    QFile status(pid > 0 ? u"/proc/%1/status"_s.arg(pid) : u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray& line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

} // namespace ConsoleBenchData
