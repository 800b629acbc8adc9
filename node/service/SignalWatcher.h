#pragma once

#include <QObject>

class QSocketNotifier;

/// Turns SIGTERM/SIGINT (and SIGHUP) into a Qt signal on the event loop, through a self-pipe: a
/// signal handler may only write a byte, the rest happens safely in the loop.
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject* parent = nullptr);
    ~SignalWatcher() override;

signals:
    void terminationRequested(int signalNumber);

private:
    QSocketNotifier* m_notifier = nullptr;
};
