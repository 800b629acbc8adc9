#pragma once

#include <QWidget>

/// A view that arrives in a later release, present now so navigation, shortcuts and layout are final.
class PlaceholderView : public QWidget
{
    Q_OBJECT

public:
    PlaceholderView(const QString& title, const QString& purpose, QWidget* parent = nullptr);
};
