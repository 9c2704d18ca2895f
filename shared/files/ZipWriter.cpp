#include "ZipWriter.h"

#include <QCoreApplication>
#include <QFile>

#include <zip.h>

namespace Gatehouse {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gatehouse::ZipWriter", text);
}

void progressCallback(zip_t *, double done, void *state)
{
    (*static_cast<const std::function<void(double)> *>(state))(done);
}

} // namespace

ZipWriter::ZipWriter(const QString &path)
    : m_path(path)
{}

ZipWriter::~ZipWriter()
{
    if (m_zip) {
        zip_discard(m_zip);
    }
}

bool ZipWriter::open(QString *error)
{
    int code = 0;
    m_zip = zip_open(QFile::encodeName(m_path).constData(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!m_zip) {
        zip_error_t zipError;
        zip_error_init_with_code(&zipError, code);
        if (error) {
            *error = tr("%1 could not be created: %2")
                         .arg(m_path, QString::fromLocal8Bit(zip_error_strerror(&zipError)));
        }
        zip_error_fini(&zipError);
        return false;
    }
    return true;
}

bool ZipWriter::add(const QString &name, const QByteArray &data, const QDateTime &modified,
                    QString *error)
{
    m_data.append(data);
    const QByteArray &kept = m_data.last();
    zip_source_t *source = zip_source_buffer(m_zip, kept.constData(), zip_uint64_t(kept.size()), 0);
    const zip_int64_t index = source ? zip_file_add(m_zip, name.toUtf8().constData(), source,
                                                    ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE)
                                     : -1;
    if (index < 0) {
        if (source) {
            zip_source_free(source);
        }
        if (error) {
            *error = tr("%1 could not be added to the archive: %2")
                         .arg(name, QString::fromLocal8Bit(zip_strerror(m_zip)));
        }
        return false;
    }
    zip_file_set_mtime(m_zip, zip_uint64_t(index), time_t(modified.toSecsSinceEpoch()), 0);
    return true;
}

bool ZipWriter::close(QString *error, const std::function<void(double)> &progress)
{
    if (progress) {
        zip_register_progress_callback_with_state(
            m_zip, 0.01, progressCallback, nullptr,
            const_cast<std::function<void(double)> *>(&progress));
    }
    if (zip_close(m_zip) != 0) {
        if (error) {
            *error = tr("%1 could not be written: %2")
                         .arg(m_path, QString::fromLocal8Bit(zip_strerror(m_zip)));
        }
        return false; // the destructor discards it
    }
    m_zip = nullptr;
    m_data.clear();
    return true;
}

} // namespace Gatehouse
