#include "DatabaseBanner.h"

#include "DatabaseHealth.h"

#include <QAccessible>
#include <QAccessibleWidget>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace Gatehouse {

namespace {

// Qt Widgets has no way to give a plain widget the alert role but an accessibility factory.
QAccessibleInterface *bannerAccessible(const QString &className, QObject *object)
{
    if (className == QLatin1String("Gatehouse::DatabaseBanner") && object
        && object->isWidgetType()) {
        return new QAccessibleWidget(static_cast<QWidget *>(object), QAccessible::AlertMessage);
    }
    return nullptr;
}

} // namespace

DatabaseBanner::DatabaseBanner(DatabaseHealth *health, QWidget *parent)
    : QFrame(parent)
{
    static const bool installed = [] {
        QAccessible::installFactory(bannerAccessible);
        return true;
    }();
    Q_UNUSED(installed)

    setObjectName(QStringLiteral("databaseBanner"));
    setAccessibleName(tr("Database connection"));
    setAutoFillBackground(true);
    setStyleSheet(QStringLiteral("QFrame#databaseBanner { background: #fbe3e3; "
                                 "border-bottom: 1px solid #a61b1b; }"
                                 "QLabel#databaseBannerText { color: #6b0f0f; }"));
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("databaseBannerText"));
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true); // a long driver message must not widen the window
    m_retry = new QPushButton(tr("Retry now"), this);
    m_retry->setObjectName(QStringLiteral("databaseRetry"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 12, 6);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_retry);
    hide();

    connect(m_retry, &QPushButton::clicked, health, &DatabaseHealth::retryNow);
    connect(health, &DatabaseHealth::lost, this, &DatabaseBanner::showLost);
    connect(health, &DatabaseHealth::restored, this, &QWidget::hide);
}

void DatabaseBanner::showLost(const QString &reason)
{
    const QString text = tr("The database cannot be reached: %1. Retrying…").arg(reason);
    const bool changed = text != m_text->text() || isHidden();
    m_text->setText(text);
    setAccessibleDescription(text);
    show();
    if (changed) {
        QAccessibleEvent event(this, QAccessible::Alert);
        QAccessible::updateAccessibility(&event);
    }
}

} // namespace Gatehouse
