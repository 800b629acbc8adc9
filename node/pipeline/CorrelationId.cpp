#include "node/pipeline/CorrelationId.h"

#include <QDateTime>
#include <QRandomGenerator>

#include <cstring>

QByteArray CorrelationId::mint()
{
    // 6 bytes of milliseconds, then 10 random bytes: unique like a random trace-id, but IDs minted
    // close in time sort close together, so the store's index on them grows at its right edge
    // instead of touching a random page per message (fewer pages per commit, fewer fsynced bytes).
    const quint64 ms = quint64(QDateTime::currentMSecsSinceEpoch());
    unsigned char bytes[16];
    for (int i = 0; i < 6; ++i)
        bytes[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
    // global() is seeded from the system's entropy; system() would cost a syscall per message.
    quint32 random[3];
    QRandomGenerator::global()->fillRange(random);
    std::memcpy(bytes + 6, random, 10);
    return QByteArray(reinterpret_cast<const char*>(bytes), sizeof(bytes)).toHex();
}

bool CorrelationId::isValid(QByteArrayView id)
{
    if (id.size() != 32)
        return false;
    bool nonZero = false;
    for (char c : id) {
        const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        if (!hex)
            return false;
        nonZero |= c != '0';
    }
    return nonZero;
}
