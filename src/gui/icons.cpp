// SPDX-License-Identifier: MIT
#include "icons.h"

#include "iconpixels.h"

#include <QApplication>
#include <QHash>
#include <QIconEngine>
#include <QImage>
#include <QImageReader>
#include <QPainter>
#include <QStyle>
#include <QStyleOption>

#include <array>

using namespace Qt::StringLiterals;

// The resources live in a static library: nothing references their object file, so the linker
// would drop it without this explicit initialisation (it must be called outside any namespace).
static void initResources()
{
    static const bool done = [] {
        Q_INIT_RESOURCE(resources);
        return true;
    }();
    Q_UNUSED(done);
}

namespace Icons {

namespace {

struct Entry
{
    const char16_t *theme; // freedesktop name, empty for none
    const char16_t *file; // under :/icons
};

Entry entry(Id id)
{
    switch (id) {
    case Id::App:
        return {u"", u"app"};
    case Id::SignIn:
        return {u"system-log-in", u"sign-in"};
    case Id::SignOut:
        return {u"system-log-out", u"sign-out"};
    case Id::Refresh:
        return {u"view-refresh", u"refresh"};
    case Id::Offboard:
        return {u"", u"offboard"};
    case Id::Settings:
        return {u"preferences-system", u"settings"};
    case Id::About:
        return {u"help-about", u"about"};
    case Id::Copy:
        return {u"edit-copy", u"copy"};
    case Id::OpenExternal:
        return {u"internet-web-browser", u"open-external"};
    case Id::Export:
        return {u"document-save-as", u"export"};
    case Id::Cancel:
        return {u"process-stop", u"cancel"};
    case Id::Search:
        return {u"edit-find", u"search"};
    case Id::Close:
        return {u"window-close", u"close"};
    case Id::Error:
        return {u"dialog-error", u"error"};
    case Id::Warning:
        return {u"dialog-warning", u"warning"};
    case Id::Information:
        return {u"dialog-information", u"information"};
    case Id::StatusPending:
        return {u"", u"status-pending"};
    case Id::StatusInProgress:
        return {u"", u"status-inprogress"};
    case Id::StatusSucceeded:
        return {u"", u"status-succeeded"};
    case Id::StatusFailed:
        return {u"", u"status-failed"};
    case Id::StatusTimeOut:
        return {u"", u"status-timeout"};
    case Id::StatusCancelled:
        return {u"", u"status-cancelled"};
    }
    return {u"", u"app"};
}

// The bundled icons come as PNGs rendered from the SVGs at these sizes (resources/icons/png,
// made by resources/icons/render-png.sh). A PNG is read, as PNG without guessing the format,
// only when a size of it is painted: building the window parses no SVG (QIcon parses an SVG
// file when it is added and again to paint it) and needs no SVG icon engine. Sizes above the
// PNGs come from the SVG. The sizes painted when the window opens are compiled in as pixels
// (iconpixels.h) and need no decoding at all.
constexpr std::array<int, 4> PngSizes {16, 24, 32, 48};

struct PngSource
{
    int side;
    QString path;
};

class PngIconEngine final : public QIconEngine
{
public:
    // name: the file name without size; sources by ascending side; svg (may be empty) for
    // sizes above the largest PNG.
    PngIconEngine(QString name, QList<PngSource> sources, QString svg)
        : m_name(std::move(name))
        , m_sources(std::move(sources))
        , m_svgPath(std::move(svg))
    { }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State state) override
    {
        const qreal ratio = painter->device() ? painter->device()->devicePixelRatio() : 1.0;
        QPixmap pm = pixmap(rect.size() * ratio, mode, state);
        pm.setDevicePixelRatio(ratio);
        painter->drawPixmap(rect, pm);
    }

    QSize actualSize(const QSize &size, QIcon::Mode, QIcon::State) override { return size; }

    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        if (size.isEmpty())
            return {};
        const quint64 key = (quint64(size.width()) << 32) | (quint64(size.height()) << 8)
            | (quint64(mode) << 1) | quint64(state);
        auto found = m_cache.constFind(key);
        if (found != m_cache.constEnd())
            return *found;
        QPixmap pm = render(size);
        if (!pm.isNull() && mode != QIcon::Normal && qobject_cast<QApplication *>(qApp)) {
            QStyleOption option;
            option.palette = QApplication::palette();
            const QPixmap generated = QApplication::style()->generatedIconPixmap(mode, pm, &option);
            if (!generated.isNull())
                pm = generated;
        }
        m_cache.insert(key, pm);
        return pm;
    }

    QString key() const override { return u"mde-png"_s; }
    QIconEngine *clone() const override { return new PngIconEngine(m_name, m_sources, m_svgPath); }
    bool isNull() override { return m_sources.isEmpty() && m_svgPath.isEmpty(); }

    QList<QSize> availableSizes(QIcon::Mode, QIcon::State) override
    {
        QList<QSize> sizes;
        for (const PngSource &source : std::as_const(m_sources))
            sizes.append(QSize(source.side, source.side));
        return sizes;
    }

private:
    QPixmap render(const QSize &size)
    {
        const int side = qMax(size.width(), size.height());
        if (size.width() == size.height()) {
            const QImage packed = IconPixels::find(m_name, side);
            if (!packed.isNull())
                return QPixmap::fromImage(packed);
        }
        for (const PngSource &source : std::as_const(m_sources)) {
            if (source.side < side && (!m_svgPath.isEmpty() || &source != &m_sources.constLast()))
                continue;
            QImageReader reader(source.path, "png");
            reader.setAutoDetectImageFormat(false);
            QImage image = reader.read();
            if (image.isNull())
                break;
            if (image.size() != size)
                image = image.scaled(size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
            return QPixmap::fromImage(std::move(image));
        }
        if (m_svgPath.isEmpty())
            return {};
        if (m_svg.isNull())
            m_svg = QIcon(m_svgPath);
        return m_svg.pixmap(size);
    }

    QString m_name;
    QList<PngSource> m_sources;
    QString m_svgPath;
    QIcon m_svg; // only for sizes above the PNGs
    QHash<quint64, QPixmap> m_cache;
};

QIcon bundledIcon(Id id)
{
    const QString name = QString::fromUtf16(entry(id).file);
    const QString base = u":/icons/png/"_s + name;
    QList<PngSource> sources;
    for (int side : PngSizes)
        sources.append({side, base + u"-%1.png"_s.arg(side)});
    return QIcon(new PngIconEngine(name, std::move(sources), resourcePath(id)));
}

} // namespace

QString resourcePath(Id id)
{
    return u":/icons/"_s + QString::fromUtf16(entry(id).file) + u".svg"_s;
}

QIcon icon(Id id)
{
    initResources();
    const Entry e = entry(id);
    const QIcon bundled = bundledIcon(id);
    const QString theme = QString::fromUtf16(e.theme);
    if (theme.isEmpty())
        return bundled;
    return QIcon::fromTheme(theme, bundled);
}

QIcon statusIcon(ActionStatus status)
{
    switch (status) {
    case ActionStatus::Pending:
        return icon(Id::StatusPending);
    case ActionStatus::InProgress:
        return icon(Id::StatusInProgress);
    case ActionStatus::Succeeded:
        return icon(Id::StatusSucceeded);
    case ActionStatus::Failed:
        return icon(Id::StatusFailed);
    case ActionStatus::TimeOut:
        return icon(Id::StatusTimeOut);
    case ActionStatus::Cancelled:
        return icon(Id::StatusCancelled);
    case ActionStatus::Unknown:
        break;
    }
    return {};
}

} // namespace Icons
