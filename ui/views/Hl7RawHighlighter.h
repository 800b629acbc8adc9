#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

class QPlainTextEdit;

/// Makes the structure of a raw HL7 v2 message visible in a text view with one segment per line
/// (Hl7TreeModel::displayRaw()): segment IDs bold, and field, component, repetition, escape and
/// subcomponent separators each in their own colour and bold, so an empty field ("||") is seen.
/// The delimiters are read from each MSH line (MSH-1, MSH-2); the standard "|^~\&" until then.
class Hl7RawHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT

public:
    explicit Hl7RawHighlighter(QTextDocument* document);
    /// Highlights `view`'s document in colours that follow the view's palette (light or dark theme,
    /// also when the theme changes while it is shown).
    explicit Hl7RawHighlighter(QPlainTextEdit* view);

    /// Picks colours readable on this base colour (dark or light theme).
    void setDarkBackground(bool dark);

    /// Formats, for tests and legends.
    QTextCharFormat fieldSeparatorFormat() const { return m_field; }
    QTextCharFormat componentSeparatorFormat() const { return m_component; }

protected:
    void highlightBlock(const QString& text) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void followPalette();

    QPlainTextEdit* m_view = nullptr;
    QTextCharFormat m_segment;
    QTextCharFormat m_field;
    QTextCharFormat m_component;
    QTextCharFormat m_repetition;
    QTextCharFormat m_escape;
    QTextCharFormat m_subcomponent;
    QString m_delimiters; // field, component, repetition, escape, subcomponent
};
