#include "node/pipeline/CorrelationId.h"

#include <QRandomGenerator>

QByteArray CorrelationId::mint()
{
    quint64 words[2];
    do {
        QRandomGenerator::system()->fillRange(words);
    } while (words[0] == 0 && words[1] == 0);
    return QByteArray(reinterpret_cast<const char*>(words), sizeof(words)).toHex();
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
