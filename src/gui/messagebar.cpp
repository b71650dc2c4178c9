// SPDX-License-Identifier: MIT
#include "messagebar.h"

#include "apierror.h"
#include "icons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

using namespace Qt::StringLiterals;

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_close(new QToolButton(this))
{
    setObjectName(u"messageBar"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_text->setObjectName(u"messageText"_s);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setTextFormat(Qt::PlainText);
    m_close->setObjectName(u"messageCloseButton"_s);
    m_close->setIcon(Icons::icon(Icons::Id::Close));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Close this message"));
    m_close->setAccessibleName(tr("Close message"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);

    connect(m_close, &QToolButton::clicked, this, &MessageBar::dismiss);
    hide();
}

MessageBar::~MessageBar() = default;

void MessageBar::showMessage(Level level, const QString &text)
{
    m_level = level;
    Icons::Id id = Icons::Id::Information;
    QPalette::ColorRole role = QPalette::AlternateBase;
    switch (level) {
    case Level::Error:
        id = Icons::Id::Error;
        role = QPalette::ToolTipBase;
        break;
    case Level::Warning:
        id = Icons::Id::Warning;
        role = QPalette::ToolTipBase;
        break;
    case Level::Information:
        break;
    }
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(Icons::icon(id).pixmap(size, size));
    setBackgroundRole(role);
    m_text->setText(text);
    setAccessibleDescription(text);
    show();
    Q_EMIT messageShown(level, text);
}

void MessageBar::showError(const QString &context, const ApiError &error)
{
    const QString detail = error.displayText();
    showMessage(Level::Error, context.isEmpty() ? detail : tr("%1: %2").arg(context, detail));
}

void MessageBar::dismiss()
{
    const bool wasVisible = !isHidden();
    hide();
    m_text->clear();
    if (wasVisible)
        Q_EMIT dismissed();
}

QString MessageBar::text() const
{
    return m_text->text();
}

#include "moc_messagebar.cpp"
