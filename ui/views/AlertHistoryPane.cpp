#include "models/console/AlertWording.h"
#include "ui/views/AlertHistoryPane.h"

#include "models/console/AlertHistoryModel.h"
#include "ui/views/EscalationText.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QListView>
#include <QPalette>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

/// Words, icons and colour for the timeline rows (the model has semantic roles only).
class TimelineLines : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;

    QString unit;

    QVariant data(const QModelIndex& index, int role) const override
    {
        const QModelIndex src = mapToSource(index);
        const bool notification = src.data(AlertHistoryModel::KindRole).toString() == u"notification";
        switch (role) {
        case Qt::DisplayRole:
        case Qt::AccessibleTextRole: {
            const QString when = EscalationText::time(src.data(AlertHistoryModel::AtMsRole).toLongLong());
            // Notifications sit under the step that sent them.
            return QString((notification ? u"      "_s : QString()) + when + u"  "
                           + EscalationText::historyLine(src, unit));
        }
        case Qt::DecorationRole:
            if (notification)
                return EscalationText::deliveryIcon(src.data(AlertHistoryModel::DeliveryStateRole).toString());
            return {};
        case Qt::ForegroundRole:
            if ((notification && src.data(AlertHistoryModel::DeliveryStateRole).toString() == u"failed")
                || src.data(AlertHistoryModel::WhatRole).toString() == u"notification-failed")
                return QApplication::palette().color(QPalette::BrightText);
            return {};
        case Qt::FontRole: {
            const QString what = src.data(AlertHistoryModel::WhatRole).toString();
            if (!notification && (what == u"escalate" || what == u"acknowledge")) {
                QFont font;
                font.setBold(true);
                return font;
            }
            return {};
        }
        default:
            return QIdentityProxyModel::data(index, role);
        }
    }
};

} // namespace

AlertHistoryPane::AlertHistoryPane(QWidget* parent)
    : QWidget(parent)
    , m_model(new AlertHistoryModel(this))
{
    auto* lines = new TimelineLines(this);
    lines->setSourceModel(m_model);

    m_title = new QLabel(this);
    m_title->setObjectName(u"historyTitle"_s);
    m_title->setWordWrap(true);
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_facts = new QLabel(this);
    m_facts->setWordWrap(true);
    m_facts->setTextFormat(Qt::PlainText);
    m_status = new QLabel(this);
    m_status->setObjectName(u"emptyStateText"_s);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);

    m_reload = new QToolButton(this);
    m_reload->setText(tr("Reload"));
    m_reload->setToolTip(tr("Fetch this alert's history from its node again"));
    m_reload->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    m_reload->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_reload->setMinimumHeight(36);
    connect(m_reload, &QToolButton::clicked, this, &AlertHistoryPane::reloadRequested);

    m_view = new QListView(this);
    m_view->setModel(lines);
    m_view->setUniformItemSizes(true);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAccessibleName(tr("Escalation history"));
    m_view->setIconSize(QSize(16, 16));

    auto* header = new QHBoxLayout;
    auto* titles = new QVBoxLayout;
    titles->addWidget(m_title);
    titles->addWidget(m_facts);
    header->addLayout(titles, 1);
    header->addWidget(m_reload, 0, Qt::AlignTop);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);
    clear();
}

AlertHistoryPane::~AlertHistoryPane() = default;

void AlertHistoryPane::setDetail(const QString& nodeId, const QString& nodeName, const QJsonObject& alert,
                                 qint64 cachedAtMs)
{
    m_nodeId = nodeId;
    m_alertId = alert.value(u"id").toInteger();
    static_cast<TimelineLines*>(m_view->model())->unit = alert.value(u"unit").toString();
    m_model->setDetail(alert);
    const QString severity = alert.value(u"severity").toString();
    m_title->setText(AlertWording::severityName(severity) + u" — " + alert.value(u"title").toString());
    QStringList facts{nodeName};
    if (!alert.value(u"unit").toString().isEmpty())
        facts.append(tr("unit %1").arg(alert.value(u"unit").toString()));
    const QString state = alert.value(u"state").toString();
    if (state == u"acknowledged")
        facts.append(tr("acknowledged by %1").arg(alert.value(u"acknowledgedBy").toString()));
    else if (state == u"escalated" || state == u"notified")
        facts.append(tr("at %1, not acknowledged").arg(EscalationText::level(alert.value(u"level").toInt())));
    else if (state == u"suppressed")
        facts.append(tr("held by a silence: nobody is paged"));
    else if (!state.isEmpty())
        facts.append(state);
    m_facts->setText(facts.join(u" · "_s));
    m_reload->setEnabled(true);
    if (cachedAtMs > 0) {
        m_status->setText(tr("The node cannot be reached: this history is as of %1.").arg(EscalationText::time(cachedAtMs)));
        m_status->show();
    } else if (m_model->rowCount() == 0) {
        m_status->setText(tr("The node reports no history for this alert yet."));
        m_status->show();
    } else {
        m_status->clear();
        m_status->hide();
    }
}

void AlertHistoryPane::setLoading(const QString& nodeId, qint64 alertId)
{
    if (nodeId != m_nodeId || alertId != m_alertId) {
        m_model->clear();
        m_title->setText(tr("Alert %1").arg(alertId));
        m_facts->clear();
    }
    m_nodeId = nodeId;
    m_alertId = alertId;
    m_reload->setEnabled(false);
    m_status->setText(tr("Loading the escalation history…"));
    m_status->show();
}

void AlertHistoryPane::setError(const QString& text)
{
    m_reload->setEnabled(m_alertId > 0);
    m_status->setText(tr("The history could not be loaded: %1").arg(text));
    m_status->show();
}

void AlertHistoryPane::clear()
{
    m_nodeId.clear();
    m_alertId = 0;
    m_model->clear();
    m_title->setText(tr("Escalation history"));
    m_facts->clear();
    m_reload->setEnabled(false);
    m_status->setText(tr("Select an alert to see whom it paged, when, on which channel, and who acknowledged it."));
    m_status->show();
}

QStringList AlertHistoryPane::lines() const
{
    QStringList out;
    const QAbstractItemModel* model = m_view->model();
    for (int row = 0; row < model->rowCount(); ++row)
        out.append(model->index(row, 0).data().toString().trimmed());
    return out;
}

QString AlertHistoryPane::statusText() const
{
    return m_status->isHidden() ? QString() : m_status->text();
}
