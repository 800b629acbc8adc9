#include "ui/views/DeadLetterDetailPane.h"
#include "models/console/PipelineStageNames.h"

#include "models/console/Hl7TreeModel.h"
#include "ui/delegates/AttentionDelegate.h"
#include "ui/views/Hl7RawHighlighter.h"

#include <QDateTime>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSplitter>
#include <QTextBlock>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QString timeText(const QString& isoTime)
{
    const QDateTime at = QDateTime::fromString(isoTime, Qt::ISODateWithMs);
    return at.isValid() ? at.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s) : isoTime;
}

QStringList stringList(const QJsonValue& value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue& v : array)
        list << v.toString();
    return list;
}

/// "PID(2)-3.1" → segment "PID", occurrence 2, field 3. False for non-HL7 locations.
bool splitHl7Location(const QString& location, QString* segment, int* occurrence, int* field)
{
    static const QRegularExpression pattern(u"^([A-Z][A-Z0-9]{2})(?:\\((\\d+)\\))?(?:-(\\d+))?"_s);
    const QRegularExpressionMatch m = pattern.match(location);
    if (!m.hasMatch())
        return false;
    *segment = m.captured(1);
    *occurrence = m.captured(2).isEmpty() ? 1 : m.captured(2).toInt();
    *field = m.captured(3).isEmpty() ? 0 : m.captured(3).toInt();
    return true;
}

} // namespace

DeadLetterDetailPane::DeadLetterDetailPane(QWidget* parent)
    : QWidget(parent)
{
    m_treeModel = new Hl7TreeModel(this);

    m_title = new QLabel(tr("Select a dead letter"), this);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // The reason stands out by icon and bold text, not by colour alone.
    m_reasonIcon = new QLabel(this);
    const int side = fontMetrics().height();
    m_reasonIcon->setPixmap(AttentionDelegate::attentionIcon().pixmap(side, side));
    m_reasonIcon->hide();
    m_reason = new QLabel(this);
    m_reason->setWordWrap(true);
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_reason->setAccessibleName(tr("Reason"));
    QFont bold = m_reason->font();
    bold.setBold(true);
    m_reason->setFont(bold);
    auto* reasonRow = new QHBoxLayout;
    reasonRow->addWidget(m_reasonIcon, 0, Qt::AlignTop);
    reasonRow->addWidget(m_reason, 1);

    m_facts = new QLabel(this);
    m_facts->setWordWrap(true);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notice = new QLabel(this);
    m_notice->setWordWrap(true);
    m_notice->hide();

    m_raw = new QPlainTextEdit(this);
    m_raw->setReadOnly(true);
    m_raw->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_raw->setAccessibleName(tr("Raw message"));
    m_highlighter = new Hl7RawHighlighter(m_raw);

    auto* parsedPage = new QWidget(this);
    m_parseError = new QLabel(parsedPage);
    m_parseError->setWordWrap(true);
    m_parseError->hide();
    m_parsed = new QTreeView(parsedPage);
    m_parsed->setModel(m_treeModel);
    m_parsed->setUniformRowHeights(true);
    m_parsed->setAllColumnsShowFocus(true);
    m_parsed->setAccessibleName(tr("Parsed message"));
    const int charWidth = fontMetrics().horizontalAdvance(u"0"_s);
    m_parsed->setColumnWidth(Hl7TreeModel::ElementColumn, charWidth * 14);
    m_parsed->setColumnWidth(Hl7TreeModel::NameColumn, charWidth * 26);
    auto* parsedLayout = new QVBoxLayout(parsedPage);
    parsedLayout->setContentsMargins(0, 0, 0, 0);
    parsedLayout->addWidget(m_parseError);
    parsedLayout->addWidget(m_parsed, 1);

    // Side by side: what was sent, and what it means.
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_raw);
    split->addWidget(parsedPage);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addLayout(reasonRow);
    layout->addWidget(m_facts);
    layout->addWidget(m_notice);
    layout->addWidget(split, 1);
}

DeadLetterDetailPane::~DeadLetterDetailPane() = default;

void DeadLetterDetailPane::clear()
{
    m_nodeId.clear();
    m_deadLetterId = 0;
    m_deadLetter = QJsonObject();
    m_locatedPath.clear();
    m_locatedLine = -1;
    m_title->setText(tr("Select a dead letter"));
    m_reason->clear();
    m_reasonIcon->hide();
    m_facts->clear();
    m_notice->hide();
    m_raw->clear();
    m_raw->setExtraSelections({});
    m_treeModel->clear();
    m_parseError->hide();
}

void DeadLetterDetailPane::showProblem(const QString& text)
{
    clear();
    m_title->setText(tr("Cannot show this dead letter"));
    m_notice->setText(text);
    m_notice->show();
}

void DeadLetterDetailPane::setDeadLetter(const QString& nodeId, const QString& nodeName, const QJsonObject& d,
                                         qint64 cachedAtMs)
{
    clear();
    m_nodeId = nodeId;
    m_deadLetter = d;
    m_deadLetterId = qint64(d.value(u"id").toDouble());
    const qint64 messageId = qint64(d.value(u"messageId").toDouble());
    const QString stage = d.value(u"stage").toString();
    m_title->setText(tr("Dead letter %1 on %2 — message %3, failed at %4")
                         .arg(m_deadLetterId)
                         .arg(nodeName)
                         .arg(messageId)
                         .arg(PipelineStageNames::display(stage)));
    const QString location = d.value(u"errorLocation").toString();
    const QString reason = d.value(u"reason").toString();
    m_reason->setText(reason);
    m_reasonIcon->setVisible(!reason.isEmpty());

    QStringList facts;
    if (!location.isEmpty())
        facts << tr("where: %1").arg(location);
    if (d.contains(u"errorClass"))
        facts << tr("error class %1").arg(d.value(u"errorClass").toString());
    if (d.contains(u"channel"))
        facts << tr("from channel %1").arg(d.value(u"channel").toString());
    if (d.contains(u"destination"))
        facts << tr("to destination %1").arg(d.value(u"destination").toString());
    if (stage == u"deliver")
        facts << tr("%n delivery attempt(s)", nullptr, d.value(u"attempts").toInt());
    facts << tr("dead-lettered %1").arg(timeText(d.value(u"createdAt").toString()));
    const QString state = d.value(u"state").toString();
    if (state == u"resubmitted" && d.contains(u"resubmittedAs"))
        facts << tr("resubmitted as message %1").arg(qint64(d.value(u"resubmittedAs").toDouble()));
    else if (state == u"parked") {
        const QString by = d.value(u"parkedBy").toString();
        const QString why = d.value(u"parkReason").toString();
        facts << (by.isEmpty()    ? tr("parked")
                  : why.isEmpty() ? tr("parked by %1 at %2").arg(by, timeText(d.value(u"parkedAt").toString()))
                                  : tr("parked by %1 at %2: %3").arg(by, timeText(d.value(u"parkedAt").toString()), why));
    }
    else
        facts << tr("open");
    m_facts->setText(facts.join(u" · "_s));

    QStringList notices;
    const QJsonObject content = d.value(u"content").toObject();
    if (content.value(u"masked").toBool()) {
        const QStringList paths = stringList(content.value(u"maskedPaths"));
        notices << (paths.isEmpty() ? tr("Patient fields are masked (***).")
                                    : tr("Patient fields are masked (***): %1.").arg(paths.join(u", "_s)));
    }
    if (cachedAtMs > 0)
        notices << tr("Cached — as of %1.").arg(QDateTime::fromMSecsSinceEpoch(cachedAtMs).toString(u"yyyy-MM-dd HH:mm"_s));
    if (content.isEmpty())
        notices << tr("The node sent no message content with this dead letter.");
    m_notice->setText(notices.join(u' '));
    m_notice->setVisible(!notices.isEmpty());

    showContent(content, location);
}

void DeadLetterDetailPane::showContent(const QJsonObject& content, const QString& location)
{
    QByteArray bytes;
    const QString base64 = content.value(u"rawBase64").toString();
    if (!base64.isEmpty())
        bytes = QByteArray::fromBase64(base64.toLatin1());
    else
        bytes = content.value(u"raw").toString().toUtf8();

    const QJsonValue resource = content.value(u"resource");
    if (resource.isObject() || bytes.trimmed().startsWith('{')) {
        m_raw->setPlainText(resource.isObject()
                                ? QString::fromUtf8(QJsonDocument(resource.toObject()).toJson(QJsonDocument::Indented))
                                : QString::fromUtf8(bytes));
        m_parseError->setText(tr("The parsed tree is for HL7 v2 messages; this is a FHIR resource (see the raw view)."));
        m_parseError->show();
        locate(location);
        return;
    }
    m_raw->setPlainText(Hl7TreeModel::displayRaw(bytes));
    QString error;
    if (!m_treeModel->setMessage(bytes, &error)) {
        const QString nodeError = content.value(u"parseError").toString();
        m_parseError->setText(tr("Does not parse: %1").arg(nodeError.isEmpty() ? error : nodeError));
        m_parseError->show();
    } else {
        m_parsed->expandToDepth(0);
    }
    locate(location);
}

void DeadLetterDetailPane::locate(const QString& location)
{
    m_locatedPath.clear();
    m_locatedLine = -1;
    if (location.isEmpty())
        return;
    QString segment;
    int occurrence = 1;
    int field = 0;
    QTextDocument* document = m_raw->document();
    if (splitHl7Location(location, &segment, &occurrence, &field)) {
        // Raw: the occurrence-th line of that segment.
        int seen = 0;
        for (QTextBlock block = document->firstBlock(); block.isValid(); block = block.next()) {
            const QString text = block.text();
            if (text.startsWith(segment) && (text.size() == 3 || !text.at(3).isLetterOrNumber()) && ++seen == occurrence) {
                m_locatedLine = block.blockNumber();
                break;
            }
        }
        // Parsed: the field when it is there; an empty (missing) field leaves only its segment.
        const QString segmentPath = occurrence > 1 ? segment + u'(' + QString::number(occurrence) + u')' : segment;
        const QString fieldPath = segmentPath + u'-' + QString::number(field);
        QModelIndex found;
        for (int row = 0; row < m_treeModel->rowCount(); ++row) {
            const QModelIndex s = m_treeModel->index(row, 0);
            if (s.data(Hl7TreeModel::PathRole).toString() != segmentPath)
                continue;
            found = s;
            if (field > 0) {
                for (int child = 0; child < m_treeModel->rowCount(s); ++child) {
                    const QModelIndex f = m_treeModel->index(child, 0, s);
                    if (f.data(Hl7TreeModel::PathRole).toString() == fieldPath) {
                        found = f;
                        break;
                    }
                }
            }
            break;
        }
        if (found.isValid()) {
            m_locatedPath = found.data(Hl7TreeModel::PathRole).toString();
            m_parsed->expand(found.parent().isValid() ? found.parent() : found);
            m_parsed->setCurrentIndex(found);
            m_parsed->scrollTo(found);
        }
    } else {
        // FHIR: "Patient.birthDate" → the first line naming the element.
        const QString element = location.section(u'.', -1);
        const QString needle = u'"' + element + u'"';
        for (QTextBlock block = document->firstBlock(); block.isValid(); block = block.next()) {
            if (block.text().contains(needle)) {
                m_locatedLine = block.blockNumber();
                break;
            }
        }
    }
    if (m_locatedLine < 0)
        return;
    QTextEdit::ExtraSelection mark;
    QColor tint = m_raw->palette().color(QPalette::Highlight);
    tint.setAlpha(70);
    mark.format.setBackground(tint);
    mark.format.setProperty(QTextFormat::FullWidthSelection, true);
    mark.cursor = QTextCursor(document->findBlockByNumber(m_locatedLine));
    m_raw->setExtraSelections({mark});
    m_raw->setTextCursor(mark.cursor);
    m_raw->centerCursor();
}
