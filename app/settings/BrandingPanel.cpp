#include "BrandingPanel.h"

#include "PortalPreview.h"

#include "branding/BrandingRules.h"
#include "core/FileDialog.h"
#include "services/BrandingService.h"
#include "storage/DirectoryRepository.h"
#include "storage/FileStore.h"
#include "widgets/ErrorLabel.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QFile>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace Gatehouse {

namespace {

const QString kShowPreviewKey = QStringLiteral("branding/showPreview");

} // namespace

BrandingPanel::BrandingPanel(const ConsoleContext &context, QWidget *parent)
    : QWidget(parent)
    , m_context(context)
    , m_name(new QLineEdit(this))
    , m_accent(new QLineEdit(this))
    , m_pickColor(new QPushButton(tr("Choose…"), this))
    , m_sample(new QPushButton(tr("Mark complete"), this))
    , m_contrast(new QLabel(this))
    , m_welcome(new QPlainTextEdit(this))
    , m_logo(new QLabel(this))
    , m_chooseLogo(new QPushButton(tr("Choose &logo…"), this))
    , m_removeLogo(new QPushButton(tr("Remove logo"), this))
    , m_save(new QPushButton(tr("&Save branding"), this))
    , m_error(new ErrorLabel(this))
    , m_showPreview(new QCheckBox(tr("Show pre&view"), this))
    , m_preview(new PortalPreview(this))
{
    m_name->setMaxLength(BrandingService::kMaxNameLength);
    m_accent->setPlaceholderText(QStringLiteral("#1f6f5c"));
    m_accent->setMaxLength(7);
    m_sample->setFocusPolicy(Qt::NoFocus);
    m_sample->setToolTip(tr("How buttons look in the portal"));
    m_contrast->setWordWrap(true);
    // A wrapped label in a nested layout can be measured at its minimum width and be given room
    // for a word per line: a wide gap under the colour. It takes only the height it needs.
    m_contrast->setMinimumWidth(m_contrast->fontMetrics().averageCharWidth() * 40);
    m_contrast->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    m_contrast->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_welcome->setPlaceholderText(tr("Shown to clients on their home page"));
    m_welcome->setTabChangesFocus(true);
    m_welcome->setMaximumHeight(m_welcome->fontMetrics().lineSpacing() * 5);
    m_logo->setFixedSize(200, 64);
    m_logo->setAlignment(Qt::AlignCenter);
    m_logo->setFrameShape(QFrame::StyledPanel);
    m_save->setToolTip(tr("Save branding (Ctrl+S)"));

    auto *accentRow = new QHBoxLayout;
    accentRow->addWidget(m_accent);
    accentRow->addWidget(m_pickColor);
    accentRow->addWidget(m_sample);
    accentRow->addStretch();
    auto *logoRow = new QHBoxLayout;
    logoRow->addWidget(m_logo);
    logoRow->addWidget(m_chooseLogo);
    logoRow->addWidget(m_removeLogo);
    logoRow->addStretch();
    auto *form = new QFormLayout;
    form->addRow(tr("&Name clients see:"), m_name);
    // A row of several widgets gets no buddy from the form: without one the label would show
    // its "&" and say nothing to a screen reader about the colour field.
    auto *accentLabel = new QLabel(tr("&Accent colour:"), this);
    accentLabel->setBuddy(m_accent);
    form->addRow(accentLabel, accentRow);
    form->addRow(QString(), m_contrast);
    form->addRow(tr("&Welcome message:"), m_welcome);
    form->addRow(tr("Logo:"), logoRow);
    auto *column = new QVBoxLayout;
    column->addLayout(form);
    column->addWidget(m_error);
    column->addWidget(m_save, 0, Qt::AlignLeft);
    column->addStretch();
    m_showPreview->setToolTip(tr("Show the portal's sign-in page with this branding, as it is "
                                 "typed and before it is saved"));
    auto *previewColumn = new QVBoxLayout;
    previewColumn->addWidget(m_showPreview);
    previewColumn->addWidget(m_preview, 1);
    auto *layout = new QHBoxLayout(this);
    layout->addLayout(column, 3);
    layout->addLayout(previewColumn, 2);

    connect(m_accent, &QLineEdit::textChanged, this, &BrandingPanel::updateSample);
    connect(m_name, &QLineEdit::textChanged, this, &BrandingPanel::updatePreview);
    connect(m_accent, &QLineEdit::textChanged, this, &BrandingPanel::updatePreview);
    connect(m_welcome, &QPlainTextEdit::textChanged, this, &BrandingPanel::updatePreview);
    // On by default; small screens may switch it off, and it stays off.
    m_showPreview->setChecked(QSettings().value(kShowPreviewKey, true).toBool());
    setPreviewShown(m_showPreview->isChecked());
    connect(m_showPreview, &QCheckBox::toggled, this, [this](bool shown) {
        QSettings().setValue(kShowPreviewKey, shown);
        setPreviewShown(shown);
    });
    connect(m_pickColor, &QPushButton::clicked, this, [this] {
        const QColor chosen
            = QColorDialog::getColor(QColor(m_accent->text()), this, tr("Accent colour"));
        if (chosen.isValid()) {
            m_accent->setText(chosen.name());
        }
    });
    connect(m_chooseLogo, &QPushButton::clicked, this, &BrandingPanel::chooseLogo);
    connect(m_removeLogo, &QPushButton::clicked, this, &BrandingPanel::removeLogo);
    connect(m_save, &QPushButton::clicked, this, &BrandingPanel::save);
    auto *saveKey = new QShortcut(QKeySequence::Save, this);
    saveKey->setContext(Qt::WidgetWithChildrenShortcut);
    saveKey->setWhatsThis(tr("Save the branding"));
    connect(saveKey, &QShortcut::activated, this, &BrandingPanel::save);
    reload();
}

void BrandingPanel::reload()
{
    QString error;
    const std::optional<Workspace> workspace = DirectoryRepository(*m_context.db).workspace(&error);
    if (!workspace) {
        m_error->showMessage(tr("The branding could not be read: %1").arg(error));
        return;
    }
    m_name->setText(workspace->name);
    m_accent->setText(workspace->accentColor);
    m_welcome->setPlainText(workspace->welcomeMessage);
    QPixmap logo;
    const std::optional<QByteArray> png
        = workspace->logoFileId ? FileStore(*m_context.db).readAll(workspace->logoFileId, &error)
                                : std::nullopt;
    m_logoPng = png ? *png : QByteArray();
    if (png && logo.loadFromData(*png)) {
        m_logo->setPixmap(logo.scaled(m_logo->size() - QSize(8, 8), Qt::KeepAspectRatio,
                                      Qt::SmoothTransformation));
    } else {
        m_logo->setText(tr("No logo"));
    }
    m_removeLogo->setEnabled(workspace->logoFileId != 0);
    updateSample();
    updatePreview();
}

void BrandingPanel::updatePreview()
{
    m_preview->showBranding(
        {m_name->text(), m_accent->text(), m_welcome->toPlainText(), m_logoPng});
}

void BrandingPanel::setPreviewShown(bool shown)
{
    m_preview->setVisible(shown);
    if (!shown) {
        m_preview->release(); // Chromium's memory back while it is not wanted
    }
}

void BrandingPanel::updateSample()
{
    QString why;
    const std::optional<QString> accent = BrandingRules::checkedAccent(m_accent->text(), &why);
    const QColor color(m_accent->text().trimmed());
    if (color.isValid() && m_accent->text().trimmed().size() == 7) {
        const QColor text = BrandingRules::buttonTextColor(color);
        m_sample->setStyleSheet(QStringLiteral("QPushButton { background: %1; color: %2; "
                                               "border: 0; border-radius: 6px; padding: 6px 14px; "
                                               "font-weight: 600; }")
                                    .arg(color.name(), text.name()));
    } else {
        m_sample->setStyleSheet(QString());
    }
    m_contrast->setText(accent ? tr("Text on buttons: contrast %1:1, readable (WCAG AA).")
                                     .arg(BrandingRules::buttonTextContrast(color), 0, 'f', 1)
                               : why);
}

bool BrandingPanel::save()
{
    ServiceError error;
    if (!BrandingService(*m_context.db, *m_context.clock)
             .update(m_name->text(), m_accent->text(), m_welcome->toPlainText(), m_context.actor(),
                     &error)) {
        m_error->showMessage(error.message);
        return false;
    }
    m_error->clear();
    reload();
    Q_EMIT saved();
    return true;
}

bool BrandingPanel::chooseLogo()
{
    const QString path = FileDialog::openFileName(
        this, tr("Choose a logo"),
        QStandardPaths::writableLocation(QStandardPaths::PicturesLocation),
        tr("Images (*.png *.jpg *.jpeg *.svg)"));
    if (path.isEmpty()) {
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_error->showMessage(tr("%1 could not be read: %2").arg(path, file.errorString()));
        return false;
    }
    ServiceError error;
    if (!BrandingService(*m_context.db, *m_context.clock)
             .setLogo(file.read(BrandingRules::kMaxLogoBytes + 1), m_context.actor(), &error)) {
        m_error->showMessage(error.message);
        return false;
    }
    m_error->clear();
    reload();
    Q_EMIT saved();
    return true;
}

bool BrandingPanel::removeLogo()
{
    ServiceError error;
    if (!BrandingService(*m_context.db, *m_context.clock).removeLogo(m_context.actor(), &error)) {
        m_error->showMessage(error.message);
        return false;
    }
    reload();
    Q_EMIT saved();
    return true;
}

} // namespace Gatehouse
