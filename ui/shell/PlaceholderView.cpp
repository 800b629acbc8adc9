#include "ui/shell/PlaceholderView.h"

#include <QLabel>
#include <QVBoxLayout>

PlaceholderView::PlaceholderView(const QString& title, const QString& purpose, QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->addStretch();
    auto* heading = new QLabel(title, this);
    heading->setObjectName(QStringLiteral("emptyStateTitle"));
    heading->setAlignment(Qt::AlignCenter);
    auto* text = new QLabel(purpose + u"\n\n" + tr("This view arrives in the next release."), this);
    text->setObjectName(QStringLiteral("placeholderText"));
    text->setAlignment(Qt::AlignCenter);
    text->setWordWrap(true);
    layout->addWidget(heading);
    layout->addWidget(text);
    layout->addStretch();
}
