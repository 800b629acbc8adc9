#include "IntegrationHelpers.h"

#include "tests/support/NodeProcess.h"

#include <QElapsedTimer>
#include <QFile>

namespace IntegrationHelpers {

bool Sink::start(quint16 port, const QString& recordFile, const QStringList& extra)
{
    m_record = recordFile;
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(NodeProcess::feedBinary());
    m_process->setArguments(QStringList{QStringLiteral("sink"), QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                                        QStringLiteral("--port"), QString::number(port), QStringLiteral("--record"),
                                        recordFile}
                            + extra);
    m_process->start();
    if (!m_process->waitForStarted(5000))
        return false;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 10000) {
        if (m_process->canReadLine() || m_process->waitForReadyRead(200)) {
            while (m_process->canReadLine()) {
                const QByteArray line = m_process->readLine().trimmed();
                m_output += line + '\n';
                if (line.startsWith("listening ")) {
                    m_port = quint16(line.mid(line.lastIndexOf(':') + 1).toUInt());
                    return true;
                }
            }
        }
        if (m_process->state() == QProcess::NotRunning)
            break;
    }
    m_output += m_process->readAllStandardError();
    return false;
}

void Sink::stop()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    m_process->terminate();
    if (!m_process->waitForFinished(5000)) {
        m_process->kill();
        m_process->waitForFinished(2000);
    }
    m_output += m_process->readAll() + m_process->readAllStandardError();
}

QStringList Sink::received() const
{
    QFile file(m_record);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList ids;
    for (const QByteArray& line : file.readAll().split('\n')) {
        if (!line.trimmed().isEmpty())
            ids << QString::fromUtf8(line.trimmed());
    }
    return ids;
}

QByteArray Sink::log() const
{
    return m_output;
}

} // namespace IntegrationHelpers
