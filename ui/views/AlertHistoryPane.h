#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QWidget>

class AlertHistoryModel;
class QLabel;
class QListView;
class QToolButton;

/// One alert's escalation history as a readable timeline (DESIGN.md 5): when it was raised, whom
/// each level paged, on which channel and whether it arrived, and who acknowledged it —
/// "03:12 paged nurses of ICU-3 (console stream) — delivered",
/// "03:15 acknowledged by nina: called Dr Lee". No I/O: the board fetches GET /api/v1/alerts/{id}
/// and calls setDetail(); "Reload" asks it to fetch again.
class AlertHistoryPane : public QWidget
{
    Q_OBJECT

public:
    explicit AlertHistoryPane(QWidget* parent = nullptr);
    ~AlertHistoryPane() override;

    /// The alert detail (4.18) of node `nodeName`; cachedAtMs > 0: from the offline cache, stored then.
    void setDetail(const QString& nodeId, const QString& nodeName, const QJsonObject& alert, qint64 cachedAtMs = 0);
    /// A detail is on its way; what is shown stays (marked as loading) if it is the same alert.
    void setLoading(const QString& nodeId, qint64 alertId);
    /// The detail could not be had: the reason in plain words.
    void setError(const QString& text);
    void clear();

    QString nodeId() const { return m_nodeId; }
    qint64 alertId() const { return m_alertId; }
    AlertHistoryModel* model() const { return m_model; }
    QListView* timelineView() const { return m_view; }
    /// Every line of the timeline as shown ("03:12 paged …").
    QStringList lines() const;
    QString statusText() const;

signals:
    /// The user asked for the history again.
    void reloadRequested();

private:
    AlertHistoryModel* m_model = nullptr;
    QListView* m_view = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_facts = nullptr;
    QLabel* m_status = nullptr;
    QToolButton* m_reload = nullptr;
    QString m_nodeId;
    qint64 m_alertId = 0;
};
