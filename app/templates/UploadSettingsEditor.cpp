#include "UploadSettingsEditor.h"

#include "files/FileTypes.h"
#include "files/UploadSpec.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QJsonArray>
#include <QSpinBox>

namespace Gatehouse {

UploadSettingsEditor::UploadSettingsEditor(QWidget *parent)
    : QWidget(parent)
    , m_size(new QSpinBox(this))
{
    // In a column rather than a row, so the page fits a narrow window.
    auto *kinds = new QGridLayout;
    kinds->setContentsMargins(0, 0, 0, 0);
    for (const QString &category : FileTypes::categories()) {
        auto *box = new QCheckBox(FileTypes::categoryLabel(category), this);
        box->setObjectName(QStringLiteral("accept_") + category);
        box->setToolTip(FileTypes::extensionsOf({category}).join(QStringLiteral(", ")));
        const int n = int(m_categories.size());
        m_categories.insert(category, box);
        kinds->addWidget(box, n / 2, n % 2);
        connect(box, &QCheckBox::toggled, this, [this] {
            if (!m_loading) {
                Q_EMIT changed(config());
            }
        });
    }
    m_size->setObjectName(QStringLiteral("uploadMaxMegabytes"));
    m_size->setRange(1, UploadSpec::kMaxMegabytes);
    m_size->setSuffix(tr(" MB"));
    connect(m_size, &QSpinBox::valueChanged, this, [this] {
        if (!m_loading) {
            Q_EMIT changed(config());
        }
    });

    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Accepted files:"), kinds);
    form->addRow(tr("Largest file:"), m_size);
    setConfig(QJsonObject());
}

void UploadSettingsEditor::setConfig(const QJsonObject &config)
{
    const UploadSpec spec = UploadSpec::fromConfigOrDefault(config);
    m_loading = true;
    for (auto it = m_categories.cbegin(); it != m_categories.cend(); ++it) {
        it.value()->setChecked(spec.accept.contains(it.key()));
    }
    m_size->setValue(spec.maxMegabytes);
    m_loading = false;
}

QJsonObject UploadSettingsEditor::config() const
{
    // In the categories' own order, so the same choice always makes the same config.
    QStringList accept;
    for (const QString &category : FileTypes::categories()) {
        if (m_categories.value(category)->isChecked()) {
            accept.append(category);
        }
    }
    return {{QStringLiteral("accept"), QJsonArray::fromStringList(accept)},
            {QStringLiteral("maxMegabytes"), m_size->value()}};
}

} // namespace Gatehouse
