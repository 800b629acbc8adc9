#pragma once

#include <QJsonObject>
#include <QString>
#include <QWidget>

class Hl7RawHighlighter;
class Hl7TreeModel;
class QLabel;
class QPlainTextEdit;
class QTreeView;

/// One dead letter in full (docs/ops-api.md 4.12): why it failed, in words, at which stage and
/// where (the error location is named in the header, its segment line is marked in the raw message
/// and its element selected in the parsed tree), and the message itself side by side: raw (one
/// segment per line, separators coloured) and parsed (segment/field tree with field names).
/// Patient fields are as the node gave them (masked for admin and support); the pane says so.
/// No I/O: the view fetches and calls setDeadLetter().
class DeadLetterDetailPane : public QWidget
{
    Q_OBJECT

public:
    explicit DeadLetterDetailPane(QWidget* parent = nullptr);
    ~DeadLetterDetailPane() override;

    /// Shows a dead letter (4.12 object) of node `nodeId` named `nodeName`. cachedAtMs > 0: it comes
    /// from the offline cache, stored then.
    void setDeadLetter(const QString& nodeId, const QString& nodeName, const QJsonObject& deadLetter,
                       qint64 cachedAtMs = 0);
    /// Says why nothing is shown (the node refused, or nothing is cached).
    void showProblem(const QString& text);
    void clear();

    QString nodeId() const { return m_nodeId; }
    qint64 deadLetterId() const { return m_deadLetterId; }
    QJsonObject deadLetter() const { return m_deadLetter; }

    /// The element path selected for the error location ("PID-3", or "PID" when the field is empty);
    /// empty when there is none or it is not in the tree.
    QString locatedPath() const { return m_locatedPath; }
    /// The raw view's line (0-based) marked as the error's segment; -1 when none.
    int locatedLine() const { return m_locatedLine; }

    QLabel* titleLabel() const { return m_title; }
    QLabel* reasonLabel() const { return m_reason; }
    QLabel* factsLabel() const { return m_facts; }
    QLabel* noticeLabel() const { return m_notice; }
    QPlainTextEdit* rawView() const { return m_raw; }
    QTreeView* parsedView() const { return m_parsed; }
    Hl7TreeModel* parsedModel() const { return m_treeModel; }

private:
    void showContent(const QJsonObject& content, const QString& location);
    void locate(const QString& location);

    QString m_nodeId;
    qint64 m_deadLetterId = 0;
    QJsonObject m_deadLetter;
    QString m_locatedPath;
    int m_locatedLine = -1;

    Hl7TreeModel* m_treeModel = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_reasonIcon = nullptr;
    QLabel* m_reason = nullptr;
    QLabel* m_facts = nullptr;
    QLabel* m_notice = nullptr;
    QPlainTextEdit* m_raw = nullptr;
    Hl7RawHighlighter* m_highlighter = nullptr;
    QTreeView* m_parsed = nullptr;
    QLabel* m_parseError = nullptr;
};
