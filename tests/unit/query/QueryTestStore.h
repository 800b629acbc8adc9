#pragma once

// A real MessageStore in a temporary folder for the query tests: records go in through the store's
// own ingest path, and reads wait until the store has applied them.
#include "node/store/MessageStore.h"

#include <QObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class QueryTestStore : public QObject
{
public:
    bool open(QString* errorString)
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_store = std::make_unique<MessageStore>();
        return m_store->open({ path(), 512, false }, errorString);
    }

    QString path() const { return m_dir->filePath(QStringLiteral("store.db")); }
    MessageStore& store() { return *m_store; }

    /// Ingests in submission order (ids follow it) and waits for every outcome.
    QList<IngestOutcome> ingestAll(const QList<IngestRecord>& records)
    {
        QList<IngestOutcome> outcomes(records.size());
        int done = 0;
        for (qsizetype i = 0; i < records.size(); ++i) {
            m_store->ingest(records[i], this, [&outcomes, &done, i](const IngestOutcome& o) {
                outcomes[i] = o;
                ++done;
            });
        }
        if (!QTest::qWaitFor([&] { return done == records.size(); }, 20000))
            qWarning("ingests did not complete");
        settle();
        return outcomes;
    }

    /// Waits until everything submitted is in the tables.
    bool settle()
    {
        bool flushed = false;
        m_store->flush(this, [&] { flushed = true; });
        return QTest::qWaitFor([&] { return flushed; }, 20000);
    }

    static IngestRecord record(
        const QString& channel, const QString& controlId, const QByteArray& raw, qint64 receivedAtMs)
    {
        IngestRecord r;
        r.channel = channel;
        r.raw = raw;
        r.correlationId = QByteArray::number(qHash(raw) ^ quint64(receivedAtMs), 16).rightJustified(32, '0');
        r.receivedAtMs = receivedAtMs;
        r.controlId = controlId;
        r.sendingApplication = QStringLiteral("EPIC");
        r.sendingFacility = QStringLiteral("HOSP");
        r.contentHash = raw;
        r.ackCode = QStringLiteral("AA");
        TraceEvent received;
        received.atUs = receivedAtMs * 1000;
        received.stage = QStringLiteral("receive");
        received.outcome = QStringLiteral("ok");
        r.events.append(received);
        return r;
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MessageStore> m_store;
};
