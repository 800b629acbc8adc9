#include "ui/views/MessageDetailPane.h"

#include "models/console/Hl7TreeModel.h"
#include "models/console/TraceTimelineModel.h"
#include "ui/delegates/AttentionDelegate.h"
#include "ui/views/Hl7RawHighlighter.h"
#include "ui/views/IdActions.h"

#include <QDateTime>
#include <QEvent>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QStringList>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

enum DeliveryColumn { DTime, DMessage, DStage, DDestination, DOutcome, DDetail, DColumnCount };

QString timeText(const QString& isoTime)
{
    const QDateTime at = QDateTime::fromString(isoTime, Qt::ISODateWithMs);
    return at.isValid() ? at.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s) : isoTime;
}

QStringList stringList(const QJsonValue& value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue& v : array)
        list << v.toString();
    return list;
}

void setFixedRows(QTableView* view)
{
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->verticalHeader()->hide();
}

} // namespace

MessageDetailPane::MessageDetailPane(QWidget* parent)
    : QWidget(parent)
{
    m_ownTimeline = new TraceTimelineModel(this);
    m_timeline = m_ownTimeline;
    m_treeModel = new Hl7TreeModel(this);

    // Header: what the message is, and its correlation ID with Copy and Open trace.
    m_title = new QLabel(tr("Select a message"), this);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_facts = new QLabel(this);
    m_facts->setWordWrap(true);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_correlationLabel = new QLabel(this);
    m_correlationLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_correlationLabel->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_correlationLabel->setContextMenuPolicy(Qt::CustomContextMenu);
    m_correlationLabel->setAccessibleName(tr("Correlation ID"));
    connect(m_correlationLabel, &QLabel::customContextMenuRequested, this, [this](const QPoint& pos) {
        QMenu menu(this);
        IdActions::addCorrelationActions(&menu, m_correlationId, this,
                                         [this](const QString& id) { emit traceRequested(id); });
        if (!menu.isEmpty())
            menu.exec(m_correlationLabel->mapToGlobal(pos));
    });
    m_copyButton = new QToolButton(this);
    m_copyButton->setText(tr("Copy correlation ID"));
    m_copyButton->setEnabled(false);
    connect(m_copyButton, &QToolButton::clicked, this, &MessageDetailPane::copyCorrelationId);
    m_openTraceButton = new QToolButton(this);
    m_openTraceButton->setText(tr("Open trace"));
    m_openTraceButton->setEnabled(false);
    connect(m_openTraceButton, &QToolButton::clicked, this, [this] {
        if (!m_correlationId.isEmpty())
            emit traceRequested(m_correlationId);
    });
    m_cachedLabel = new QLabel(this);
    m_cachedLabel->hide();

    auto* idRow = new QHBoxLayout;
    idRow->addWidget(new QLabel(tr("Correlation ID:"), this));
    idRow->addWidget(m_correlationLabel, 1);
    idRow->addWidget(m_copyButton);
    idRow->addWidget(m_openTraceButton);

    // Timeline.
    m_timelineView = new QTableView(this);
    m_timelineView->setModel(m_timeline);
    setFixedRows(m_timelineView);
    m_timelineView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_timelineView->setWordWrap(false);
    m_timelineView->horizontalHeader()->setStretchLastSection(true);
    m_timelineView->setContextMenuPolicy(Qt::CustomContextMenu);
    auto* failedDelegate = new AttentionDelegate(m_timelineView);
    failedDelegate->setRoles(TraceTimelineModel::FailedRole, -1);
    failedDelegate->setMarkerColumn(TraceTimelineModel::StageColumn);
    failedDelegate->setReasonColumn(-1);
    m_timelineView->setItemDelegate(failedDelegate);
    connect(m_timelineView, &QTableView::customContextMenuRequested, this, &MessageDetailPane::showTimelineMenu);
    const int charWidth = fontMetrics().horizontalAdvance(u"0"_s);
    m_timelineView->setColumnWidth(TraceTimelineModel::TimeColumn, charWidth * 14);
    m_timelineView->setColumnWidth(TraceTimelineModel::DetailColumn, charWidth * 40);

    // Raw.
    m_raw = new QPlainTextEdit(this);
    m_raw->setReadOnly(true);
    m_raw->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_raw->setAccessibleName(tr("Raw message"));
    m_highlighter = new Hl7RawHighlighter(m_raw);

    // Parsed.
    auto* parsedPage = new QWidget(this);
    m_parseError = new QLabel(parsedPage);
    m_parseError->setWordWrap(true);
    m_parseError->hide();
    m_parsed = new QTreeView(parsedPage);
    m_parsed->setModel(m_treeModel);
    m_parsed->setUniformRowHeights(true);
    m_parsed->setAllColumnsShowFocus(true);
    m_parsed->setColumnWidth(Hl7TreeModel::ElementColumn, charWidth * 16);
    m_parsed->setColumnWidth(Hl7TreeModel::NameColumn, charWidth * 30);
    auto* parsedLayout = new QVBoxLayout(parsedPage);
    parsedLayout->setContentsMargins(0, 0, 0, 0);
    parsedLayout->addWidget(m_parseError);
    parsedLayout->addWidget(m_parsed, 1);

    // ACKs and deliveries.
    m_deliveries = new QTreeWidget(this);
    m_deliveries->setColumnCount(DColumnCount);
    m_deliveries->setHeaderLabels({tr("Time"), tr("Message"), tr("Stage"), tr("Destination"), tr("Outcome"),
                                   tr("Detail")});
    m_deliveries->setRootIsDecorated(true);
    m_deliveries->setUniformRowHeights(true);
    m_deliveries->setColumnWidth(DTime, charWidth * 26);

    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_timelineView, tr("&Timeline"));
    m_tabs->addTab(m_raw, tr("Ra&w"));
    m_tabs->addTab(parsedPage, tr("&Parsed"));
    m_tabs->addTab(m_deliveries, tr("ACKs and &deliveries"));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_facts);
    layout->addLayout(idRow);
    layout->addWidget(m_cachedLabel);
    layout->addWidget(m_tabs, 1);
}

MessageDetailPane::~MessageDetailPane() = default;

void MessageDetailPane::setTimelineModel(TraceTimelineModel* model)
{
    m_timeline = model ? model : m_ownTimeline;
    m_timelineView->setModel(m_timeline);
}

void MessageDetailPane::clear()
{
    m_nodeId.clear();
    m_messageId = 0;
    m_correlationId.clear();
    m_title->setText(tr("Select a message"));
    m_facts->clear();
    m_correlationLabel->clear();
    m_copyButton->setEnabled(false);
    m_openTraceButton->setEnabled(false);
    m_cachedLabel->hide();
    m_raw->clear();
    m_treeModel->clear();
    m_parseError->hide();
    m_deliveries->clear();
}

void MessageDetailPane::setDetail(const QString& nodeId, const QJsonObject& detail, qint64 cachedAtMs)
{
    m_nodeId = nodeId;
    m_messageId = qint64(detail.value(u"id"_s).toDouble());
    m_correlationId = detail.value(u"correlationId"_s).toString();

    QString type = detail.value(u"messageType"_s).toString();
    const QString trigger = detail.value(u"triggerEvent"_s).toString();
    if (!trigger.isEmpty())
        type += u'^' + trigger;
    m_title->setText(type.isEmpty() ? tr("Message %1").arg(m_messageId) : tr("Message %1 — %2").arg(m_messageId).arg(type));

    QStringList facts;
    const auto add = [&facts, &detail](const QString& label, const QString& key) {
        const QString value = detail.value(key).toVariant().toString();
        if (!value.isEmpty())
            facts << label.arg(value);
    };
    add(tr("MSH-10 %1"), u"controlId"_s);
    add(tr("channel %1"), u"channel"_s);
    facts << tr("received %1").arg(timeText(detail.value(u"receivedAt"_s).toString()));
    add(tr("state %1"), u"state"_s);
    add(tr("ACK %1"), u"ackCode"_s);
    add(tr("patient %1"), u"patientId"_s);
    add(tr("unit %1"), u"unit"_s);
    add(tr("from %1"), u"sendingApplication"_s);
    add(tr("version %1"), u"version"_s);
    add(tr("resend of message %1"), u"duplicateOf"_s);
    add(tr("resubmits message %1"), u"replayOf"_s);
    m_facts->setText(facts.join(u" · "_s));

    m_correlationLabel->setText(m_correlationId);
    m_copyButton->setEnabled(!m_correlationId.isEmpty());
    m_openTraceButton->setEnabled(!m_correlationId.isEmpty());

    if (cachedAtMs > 0) {
        m_cachedLabel->setText(
            tr("Cached — as of %1").arg(QDateTime::fromMSecsSinceEpoch(cachedAtMs).toString(u"yyyy-MM-dd HH:mm"_s)));
        m_cachedLabel->show();
    } else {
        m_cachedLabel->hide();
    }

    showContent(detail.value(u"content"_s).toObject(), detail.value(u"format"_s).toString());

    // This node's events of the correlation ID; the shell adds other nodes' hops to the same model.
    if (!m_correlationId.isEmpty()) {
        m_timeline->setCorrelationId(m_correlationId);
        m_timeline->setTrace(nodeId, detail.value(u"trace"_s).toArray());
    }
    showDeliveries(detail);
}

void MessageDetailPane::showContent(const QJsonObject& content, const QString& format)
{
    QByteArray bytes;
    const QString base64 = content.value(u"rawBase64"_s).toString();
    if (!base64.isEmpty())
        bytes = QByteArray::fromBase64(base64.toLatin1());
    else
        bytes = content.value(u"raw"_s).toString().toUtf8();

    m_parseError->hide();
    if (format == u"fhir+json"_s) {
        const QJsonValue resource = content.value(u"resource"_s);
        m_raw->setPlainText(resource.isObject()
                                ? QString::fromUtf8(QJsonDocument(resource.toObject()).toJson(QJsonDocument::Indented))
                                : QString::fromUtf8(bytes));
        m_treeModel->clear();
        m_parseError->setText(tr("The parsed tree is for HL7 v2 messages; this is a FHIR resource (see Raw)."));
        m_parseError->show();
        return;
    }
    m_raw->setPlainText(Hl7TreeModel::displayRaw(bytes));
    QString error;
    if (!m_treeModel->setMessage(bytes, &error)) {
        const QString nodeError = content.value(u"parseError"_s).toString();
        m_parseError->setText(tr("Does not parse: %1").arg(nodeError.isEmpty() ? error : nodeError));
        m_parseError->show();
    } else {
        m_parsed->expandToDepth(0);
    }
}

void MessageDetailPane::showDeliveries(const QJsonObject& detail)
{
    m_deliveries->clear();
    const QStringList routed = stringList(detail.value(u"routedTo"_s));
    const QStringList delivered = stringList(detail.value(u"deliveredTo"_s));
    QStringList pending;
    for (const QString& d : routed) {
        if (!delivered.contains(d))
            pending << d;
    }
    auto* summary = new QTreeWidgetItem(m_deliveries);
    summary->setText(DStage, tr("Routing"));
    summary->setText(DDetail, tr("routed to: %1; delivered to: %2; not (yet) delivered: %3")
                                  .arg(routed.isEmpty() ? tr("none") : routed.join(u", "_s),
                                       delivered.isEmpty() ? tr("none") : delivered.join(u", "_s),
                                       pending.isEmpty() ? tr("none") : pending.join(u", "_s)));

    const QJsonArray trace = detail.value(u"trace"_s).toArray();
    QTreeWidgetItem* acks = nullptr;
    QTreeWidgetItem* attempts = nullptr;
    for (const QJsonValue& v : trace) {
        const QJsonObject e = v.toObject();
        const QString stage = e.value(u"stage"_s).toString();
        const bool isAck = stage == u"ack"_s;
        if (!isAck && stage != u"attempt"_s && stage != u"deliver"_s && stage != u"dead-letter"_s)
            continue;
        QTreeWidgetItem*& group = isAck ? acks : attempts;
        if (!group) {
            group = new QTreeWidgetItem(m_deliveries);
            group->setText(DStage, isAck ? tr("ACKs sent") : tr("Delivery attempts"));
            group->setExpanded(true);
        }
        auto* item = new QTreeWidgetItem(group);
        const QString outcome = e.value(u"outcome"_s).toString();
        item->setText(DTime, timeText(e.value(u"at"_s).toString()));
        item->setText(DMessage, QString::number(qint64(e.value(u"messageId"_s).toDouble())));
        item->setText(DStage, stage);
        item->setText(DDestination, e.value(u"destination"_s).toString());
        item->setText(DOutcome, outcome);
        item->setText(DDetail, e.value(u"detail"_s).toString());
        if (TraceTimelineModel::isFailure(stage, outcome)) {
            // Icon and bold text, not colour alone.
            item->setIcon(DOutcome, AttentionDelegate::attentionIcon());
            QFont bold = item->font(DOutcome);
            bold.setBold(true);
            item->setFont(DOutcome, bold);
        }
        group->setExpanded(true);
    }

    const QJsonArray deadLetters = detail.value(u"deadLetters"_s).toArray();
    if (!deadLetters.isEmpty()) {
        auto* group = new QTreeWidgetItem(m_deliveries);
        group->setText(DStage, tr("Dead letters"));
        for (const QJsonValue& v : deadLetters) {
            const QJsonObject d = v.toObject();
            auto* item = new QTreeWidgetItem(group);
            item->setText(DTime, timeText(d.value(u"createdAt"_s).toString()));
            item->setText(DMessage, QString::number(m_messageId));
            item->setText(DStage, d.value(u"stage"_s).toString());
            item->setText(DDestination, d.value(u"destination"_s).toString());
            item->setText(DOutcome, d.value(u"state"_s).toString());
            item->setIcon(DOutcome, AttentionDelegate::attentionIcon());
            QStringList words{d.value(u"reason"_s).toString()};
            if (d.contains(u"errorClass"_s))
                words << d.value(u"errorClass"_s).toString();
            if (d.contains(u"errorLocation"_s))
                words << d.value(u"errorLocation"_s).toString();
            if (d.contains(u"attempts"_s))
                words << tr("%n attempt(s)", nullptr, d.value(u"attempts"_s).toInt());
            if (d.contains(u"resubmittedAs"_s))
                words << tr("resubmitted as message %1").arg(qint64(d.value(u"resubmittedAs"_s).toDouble()));
            words.removeAll(QString());
            item->setText(DDetail, words.join(u"; "_s));
        }
        group->setExpanded(true);
    }
}

void MessageDetailPane::showTimelineMenu(const QPoint& pos)
{
    const QModelIndex index = m_timelineView->indexAt(pos);
    QMenu menu(this);
    const QString correlationId = m_timeline->correlationId();
    if (index.isValid()) {
        const QString nodeId = index.data(TraceTimelineModel::NodeIdRole).toString();
        const qint64 messageId = index.data(TraceTimelineModel::MessageIdRole).toLongLong();
        if (messageId > 0 && (messageId != m_messageId || nodeId != m_nodeId)) {
            menu.addAction(tr("Open message %1").arg(messageId), this,
                           [this, nodeId, messageId, correlationId] { emit messageOpened(nodeId, messageId, correlationId); });
        }
    }
    IdActions::addCorrelationActions(&menu, correlationId, this, [this](const QString& id) { emit traceRequested(id); });
    if (!menu.isEmpty())
        menu.exec(m_timelineView->viewport()->mapToGlobal(pos));
}

void MessageDetailPane::copyCorrelationId()
{
    if (!m_correlationId.isEmpty())
        IdActions::copyToClipboard(m_correlationId);
}
