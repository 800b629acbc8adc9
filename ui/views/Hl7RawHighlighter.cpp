#include "ui/views/Hl7RawHighlighter.h"

#include <QEvent>
#include <QPlainTextEdit>

using namespace Qt::StringLiterals;

namespace {

const QString kStandardDelimiters = u"|^~\\&"_s;

} // namespace

Hl7RawHighlighter::Hl7RawHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document)
    , m_delimiters(kStandardDelimiters)
{
    m_segment.setFontWeight(QFont::Bold);
    for (QTextCharFormat* f : {&m_field, &m_component, &m_repetition, &m_escape, &m_subcomponent})
        f->setFontWeight(QFont::Bold);
    setDarkBackground(false);
}

Hl7RawHighlighter::Hl7RawHighlighter(QPlainTextEdit* view)
    : Hl7RawHighlighter(view->document())
{
    m_view = view;
    view->installEventFilter(this);
    followPalette();
}

bool Hl7RawHighlighter::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_view && event->type() == QEvent::PaletteChange)
        followPalette();
    return QSyntaxHighlighter::eventFilter(watched, event);
}

void Hl7RawHighlighter::followPalette()
{
    if (m_view)
        setDarkBackground(m_view->palette().color(QPalette::Base).lightness() < 128);
}

void Hl7RawHighlighter::setDarkBackground(bool dark)
{
    // Distinct hues, chosen for contrast on either background; boldness is the cue that survives
    // colour blindness.
    m_field.setForeground(dark ? QColor(0x6c, 0xb6, 0xff) : QColor(0x00, 0x4f, 0xb0));
    m_component.setForeground(dark ? QColor(0xff, 0xa6, 0x57) : QColor(0xb0, 0x4a, 0x00));
    m_repetition.setForeground(dark ? QColor(0xd2, 0x8c, 0xff) : QColor(0x7a, 0x1f, 0xa2));
    m_escape.setForeground(dark ? QColor(0xff, 0x7b, 0x72) : QColor(0xb3, 0x1d, 0x28));
    m_subcomponent.setForeground(dark ? QColor(0x56, 0xd3, 0x64) : QColor(0x1a, 0x7f, 0x37));
    m_segment.setForeground(dark ? QColor(0xf0, 0xf0, 0xf0) : QColor(0x10, 0x10, 0x10));
    rehighlight();
}

void Hl7RawHighlighter::highlightBlock(const QString& text)
{
    if (text.startsWith(u"MSH"_s) && text.size() >= 4) {
        // MSH-1 is the character after "MSH", MSH-2 the next four (up to the next field separator).
        QString delimiters(1, text.at(3));
        for (qsizetype i = 4; i < text.size() && i < 8 && text.at(i) != text.at(3); ++i)
            delimiters += text.at(i);
        while (delimiters.size() < kStandardDelimiters.size())
            delimiters += kStandardDelimiters.at(delimiters.size());
        m_delimiters = delimiters;
    }
    const qsizetype idEnd = text.indexOf(m_delimiters.at(0));
    setFormat(0, int(idEnd < 0 ? text.size() : idEnd), m_segment);
    const QTextCharFormat* formats[] = {&m_field, &m_component, &m_repetition, &m_escape, &m_subcomponent};
    for (qsizetype i = 0; i < text.size(); ++i) {
        const qsizetype which = m_delimiters.indexOf(text.at(i));
        if (which >= 0 && which < 5)
            setFormat(int(i), 1, *formats[which]);
    }
}
