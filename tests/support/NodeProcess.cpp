#include "tests/support/NodeProcess.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

NodeProcess::NodeProcess() = default;

NodeProcess::~NodeProcess()
{
    if (isRunning())
        kill();
}

// ctest sets VIGIL_NODE_BIN/VIGIL_FEED_BIN; run by hand, a test finds the binaries of its own build.
QString NodeProcess::nodeBinary()
{
    const QString env = qEnvironmentVariable("VIGIL_NODE_BIN");
    return env.isEmpty() ? QStringLiteral(VIGIL_BINARY_DIR "/app/node/vigil-node") : env;
}

QString NodeProcess::feedBinary()
{
    const QString env = qEnvironmentVariable("VIGIL_FEED_BIN");
    return env.isEmpty() ? QStringLiteral(VIGIL_BINARY_DIR "/app/feed/vigil-feed") : env;
}

bool NodeProcess::start(const QJsonObject& config, QString* errorString, const QStringList& extraArgs)
{
    m_config = config;
    QJsonObject node = m_config.value(QStringLiteral("node")).toObject();
    node.insert(QStringLiteral("dataDir"), m_dir.path());
    m_config.insert(QStringLiteral("node"), node);
    m_extraArgs = extraArgs;
    QFile file(m_dir.filePath(QStringLiteral("node.json")));
    if (!file.open(QIODevice::WriteOnly)) {
        *errorString = QStringLiteral("cannot write the test config");
        return false;
    }
    file.write(QJsonDocument(m_config).toJson());
    file.close();
    return launch(errorString);
}

bool NodeProcess::restart(QString* errorString)
{
    return launch(errorString);
}

bool NodeProcess::launch(QString* errorString)
{
    m_ports.clear();
    m_stdout.clear();
    m_stderr.clear();
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(nodeBinary());
    m_process->setArguments(QStringList{QStringLiteral("--config"), m_dir.filePath(QStringLiteral("node.json"))}
                            + m_extraArgs);
    m_process->start();
    if (!m_process->waitForStarted(10000)) {
        *errorString = QStringLiteral("vigil-node did not start: %1 (%2)").arg(m_process->errorString(), nodeBinary());
        return false;
    }
    // Every MLLP channel and the http server announce a listener; a FHIR channel is served by the latter.
    int expected = 1;
    for (const QJsonValue& channel : m_config.value(QStringLiteral("channels")).toArray()) {
        if (channel.toObject().value(QStringLiteral("kind")).toString() != u"fhir")
            ++expected;
    }
    QElapsedTimer clock;
    clock.start();
    while (m_ports.size() < expected && clock.elapsed() < 20000) {
        if (!m_process->waitForReadyRead(200)) {
            if (m_process->state() == QProcess::NotRunning)
                break;
            continue;
        }
        while (m_process->canReadLine()) {
            const QByteArray line = m_process->readLine().trimmed();
            m_stdout += line + '\n';
            const QList<QByteArray> parts = line.split(' ');
            if (parts.size() == 3 && parts[0] == "api-certificate" && parts[1] == "sha256")
                m_fingerprint = QString::fromLatin1(parts[2]);
            if (parts.size() == 4 && parts[0] == "listening") {
                const QByteArray address = parts[3];
                if (parts[2] == "http")
                    m_secure = parts[1] == "https";
                m_ports.insert(QString::fromUtf8(parts[2]), quint16(address.mid(address.lastIndexOf(':') + 1).toUInt()));
            }
        }
    }
    if (m_ports.size() < expected) {
        m_stderr += m_process->readAllStandardError();
        *errorString = QStringLiteral("vigil-node did not announce its listeners:\n%1").arg(QString::fromUtf8(m_stderr));
        return false;
    }
    return true;
}

int NodeProcess::terminate(int timeoutMs)
{
    if (!m_process)
        return -1;
    m_process->terminate();
    if (!m_process->waitForFinished(timeoutMs)) {
        m_process->kill();
        m_process->waitForFinished(5000);
        return -1;
    }
    m_stdout += m_process->readAllStandardOutput();
    m_stderr += m_process->readAllStandardError();
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

void NodeProcess::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(5000);
    m_stderr += m_process->readAllStandardError();
}

quint16 NodeProcess::port(const QString& listenerName) const
{
    return m_ports.value(listenerName, 0);
}

QString NodeProcess::dataDir() const
{
    return m_dir.path();
}

QString NodeProcess::storePath() const
{
    return m_dir.filePath(QStringLiteral("vigil-node.db"));
}

QByteArray NodeProcess::standardError() const
{
    return m_stderr + (m_process ? m_process->readAllStandardError() : QByteArray());
}

QByteArray NodeProcess::standardOutput() const
{
    return m_stdout;
}

qint64 NodeProcess::processId() const
{
    return m_process ? m_process->processId() : 0;
}

bool NodeProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

QByteArray NodeProcess::httpGet(const QString& path) const
{
    return api().get(path).body;
}

ApiClient NodeProcess::api() const
{
    return ApiClient(port(QStringLiteral("http")), m_secure, m_fingerprint);
}

int NodeProcess::adminCommand(const QStringList& args, const QByteArray& input, QByteArray* output) const
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(nodeBinary(), args + QStringList{QStringLiteral("--data-dir"), m_dir.path()});
    if (!process.waitForStarted(10000))
        return -1;
    process.write(input);
    process.closeWriteChannel();
    const bool finished = process.waitForFinished(30000);
    if (output)
        *output = process.readAll();
    if (!finished) {
        process.kill();
        process.waitForFinished(5000);
        return -1;
    }
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

bool NodeProcess::addUser(const QString& name, const QString& role, const QStringList& units, const QString& password,
                          QString* errorString) const
{
    QStringList args{QStringLiteral("user"), QStringLiteral("add"), name, QStringLiteral("--role"), role,
                     QStringLiteral("--password-stdin")};
    for (const QString& unit : units)
        args << QStringLiteral("--unit") << unit;
    QByteArray output;
    const int code = adminCommand(args, password.toUtf8() + '\n', &output);
    if (code != 0 && errorString)
        *errorString = QStringLiteral("user add %1 exited with %2: %3").arg(name).arg(code).arg(QString::fromUtf8(output));
    return code == 0;
}

double NodeProcess::metric(const QByteArray& seriesPrefix) const
{
    const QByteArray text = metrics();
    for (const QByteArray& line : text.split('\n')) {
        if (line.startsWith(QByteArray(seriesPrefix + ' ')))
            return line.mid(seriesPrefix.size() + 1).toDouble();
    }
    return 0;
}
