// SPDX-License-Identifier: MIT
// The storage primitives under MachineStore: interned strings, the byte arena, byte search.
#include "machinestore_p.h"

#include <algorithm>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

// The search hot path: with SSE2, sixteen candidate positions at a time are checked for the
// needle's first and last bytes before any comparison (several times faster than memmem on
// the short, dense texts scanned here).
const char *MachineStore::findBytes(const char *begin, const char *end, QByteArrayView needle)
{
    const qsizetype k = needle.size();
    if (k == 0)
        return begin;
    if (k > end - begin)
        return nullptr;
    if (k == 1)
        return static_cast<const char *>(std::memchr(begin, needle.front(), size_t(end - begin)));
    const char *p = begin;
    const char *const stop = end - k + 1; // last candidate start + 1
#ifdef __SSE2__
    const __m128i first = _mm_set1_epi8(needle.front());
    const __m128i last = _mm_set1_epi8(needle.back());
    for (; p + 16 <= stop; p += 16) {
        const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + k - 1));
        unsigned mask = unsigned(
            _mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last))));
        while (mask != 0) {
            const int bit = __builtin_ctz(mask);
            if (std::memcmp(p + bit + 1, needle.data() + 1, size_t(k - 2)) == 0)
                return p + bit;
            mask &= mask - 1;
        }
    }
#endif
    for (; p < stop; ++p) {
        if (*p == needle.front() && std::memcmp(p, needle.data(), size_t(k)) == 0)
            return p;
    }
    return nullptr;
}

quint32 StringPool::intern(const QString &text, size_t hash)
{
    if (text.isEmpty())
        return 0;
    const QString stored = text.size() > MaxChars ? text.left(MaxChars) : text;
    const auto first = m_byHash.constFind(hash);
    if (first != m_byHash.constEnd()) {
        if (m_strings.at(first.value()) == stored)
            return first.value();
        const auto other = m_collided.constFind(stored);
        if (other != m_collided.constEnd())
            return other.value();
    }
    const quint32 index = quint32(m_strings.size());
    m_strings.append(stored);
    if (first == m_byHash.constEnd())
        m_byHash.insert(hash, index);
    else
        m_collided.insert(stored, index);
    return index;
}

void StringPool::clear()
{
    m_byHash.clear();
    m_collided.clear();
    m_strings.clear();
    m_strings.append(QString());
}

quint32 ByteArena::append(QByteArrayView bytes)
{
    Q_ASSERT(bytes.size() <= MaxEntry);
    if (m_used + bytes.size() > ChunkSize) {
        if (!m_chunks.empty())
            m_chunkUsed.push_back(m_used);
        m_chunks.push_back(std::make_unique<char[]>(size_t(ChunkSize)));
        m_used = 0;
    }
    const quint32 ref = quint32((m_chunks.size() - 1) << ChunkBits) | quint32(m_used);
    if (!bytes.isEmpty())
        std::memcpy(m_chunks.back().get() + m_used, bytes.data(), size_t(bytes.size()));
    m_used += bytes.size();
    return ref;
}

void ByteArena::clear()
{
    m_chunks.clear();
    m_chunkUsed.clear();
    m_used = ChunkSize;
}
