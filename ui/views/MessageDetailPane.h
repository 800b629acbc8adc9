#pragma once

#include <QJsonObject>
#include <QString>
#include <QWidget>

class Hl7RawHighlighter;
class Hl7TreeModel;
class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTableView;
class QToolButton;
class QTreeView;
class QTreeWidget;
class TraceTimelineModel;

/// One message in full (ops API 4.6 GET /messages/{id}): a header with its identifiers, and tabs
/// Timeline (every stage and hop of its correlation ID across nodes, with durations), Raw (one
/// segment per line, separators coloured), Parsed (segment/field/component tree with field
/// names) and ACKs and deliveries. Correlation IDs can be copied and opened as a trace wherever
/// they are shown. No I/O: the shell fetches and calls setDetail().
class MessageDetailPane : public QWidget
{
    Q_OBJECT

public:
    enum Tab { TimelineTab, RawTab, ParsedTab, DeliveriesTab };
    Q_ENUM(Tab)

    explicit MessageDetailPane(QWidget* parent = nullptr);
    ~MessageDetailPane() override;

    /// The timeline shown in the Timeline tab (not owned; nullptr: the pane's own). The shell fills
    /// it with every connected node's GET /traces/{correlationId} events; setDetail() already puts
    /// in this node's events of the message's correlation ID.
    void setTimelineModel(TraceTimelineModel* model);
    TraceTimelineModel* timelineModel() const { return m_timeline; }

    /// Shows a message detail object (4.6) of node `nodeId`. `cachedAtMs` > 0: it comes from the
    /// offline cache, stored then (the pane says so).
    void setDetail(const QString& nodeId, const QJsonObject& detail, qint64 cachedAtMs = 0);
    void clear();

    QString nodeId() const { return m_nodeId; }
    qint64 messageId() const { return m_messageId; }
    QString correlationId() const { return m_correlationId; }

    QTabWidget* tabs() const { return m_tabs; }
    QPlainTextEdit* rawView() const { return m_raw; }
    QTreeView* parsedView() const { return m_parsed; }
    QTableView* timelineView() const { return m_timelineView; }
    QTreeWidget* deliveriesView() const { return m_deliveries; }
    Hl7TreeModel* parsedModel() const { return m_treeModel; }

public slots:
    /// Puts the shown message's correlation ID on the clipboard.
    void copyCorrelationId();

signals:
    /// "Open trace" on a correlation ID.
    void traceRequested(const QString& correlationId);
    /// "Open message" on a timeline event of another message (a resend, a replay, another node's hop).
    void messageOpened(const QString& nodeId, qint64 messageId, const QString& correlationId);

private:
    void showContent(const QJsonObject& content, const QString& format);
    void showDeliveries(const QJsonObject& detail);
    void showTimelineMenu(const QPoint& pos);

    QString m_nodeId;
    qint64 m_messageId = 0;
    QString m_correlationId;

    TraceTimelineModel* m_ownTimeline = nullptr;
    TraceTimelineModel* m_timeline = nullptr;
    Hl7TreeModel* m_treeModel = nullptr;

    QLabel* m_title = nullptr;
    QLabel* m_facts = nullptr;
    QLabel* m_correlationLabel = nullptr;
    QToolButton* m_copyButton = nullptr;
    QToolButton* m_openTraceButton = nullptr;
    QLabel* m_cachedLabel = nullptr;
    QTabWidget* m_tabs = nullptr;
    QTableView* m_timelineView = nullptr;
    QPlainTextEdit* m_raw = nullptr;
    Hl7RawHighlighter* m_highlighter = nullptr;
    QTreeView* m_parsed = nullptr;
    QLabel* m_parseError = nullptr;
    QTreeWidget* m_deliveries = nullptr;
};
