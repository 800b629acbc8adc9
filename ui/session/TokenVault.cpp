#include "ui/session/TokenVault.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QTimer>

#include <qt6keychain/keychain.h>

Q_LOGGING_CATEGORY(lcVault, "vigil.ui.vault")

TokenVault::TokenVault(const QString& service, QObject* parent)
    : QObject(parent)
    , m_service(service)
{
}

QString TokenVault::fallbackMessage()
{
    return tr("No keychain available: you will sign in again next time");
}

bool TokenVault::isNoServiceError(int error) const
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::OtherError
        || error == QKeychain::NotImplemented;
}

void TokenVault::engageFallback(const QString& why)
{
    if (m_fallback)
        return;
    m_fallback = true;
    // The reason comes from QtKeychain (D-Bus errors, "no backend"); it never contains the token.
    qCInfo(lcVault) << "keychain unavailable, keeping tokens in memory for this run:" << why;
    emit fallbackEngaged(fallbackMessage());
}

void TokenVault::forceMemoryOnly(const QString& reason)
{
    engageFallback(reason);
}

void TokenVault::readToken(const QString& nodeId, QObject* context, ReadCallback callback)
{
    QPointer<QObject> guard(context ? context : this);
    if (m_fallback) {
        const QString token = m_memory.value(nodeId);
        QTimer::singleShot(0, this, [guard, token, callback] {
            if (guard)
                callback(token);
        });
        return;
    }
    auto* job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(nodeId);
    connect(job, &QKeychain::Job::finished, this, [this, job, nodeId, guard, callback] {
        QString token;
        if (job->error() == QKeychain::NoError) {
            token = job->textData();
        } else if (job->error() == QKeychain::EntryNotFound) {
            // nothing stored: not an error
        } else if (isNoServiceError(job->error())) {
            engageFallback(job->errorString());
            token = m_memory.value(nodeId);
        } else {
            emit keychainError(tr("The keychain refused to give the saved sign-in: %1").arg(job->errorString()));
        }
        if (guard)
            callback(token);
    });
    job->start();
}

void TokenVault::storeToken(const QString& nodeId, const QString& token)
{
    if (token.isEmpty()) {
        removeToken(nodeId);
        return;
    }
    // The in-memory copy is kept in any case: it serves this run if the keychain write fails.
    m_memory.insert(nodeId, token);
    if (m_fallback)
        return;
    auto* job = new QKeychain::WritePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(nodeId);
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        if (job->error() == QKeychain::NoError)
            return;
        if (isNoServiceError(job->error()))
            engageFallback(job->errorString());
        else
            emit keychainError(tr("The sign-in could not be saved in the keychain: %1").arg(job->errorString()));
    });
    job->start();
}

void TokenVault::removeToken(const QString& nodeId)
{
    m_memory.remove(nodeId);
    if (m_fallback)
        return;
    auto* job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(nodeId);
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        if (job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound)
            return;
        if (isNoServiceError(job->error()))
            engageFallback(job->errorString());
    });
    job->start();
}
