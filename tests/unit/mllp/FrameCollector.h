#pragma once

#include "net/mllp/MllpFrameDecoder.h"

#include <QAbstractSocket>
#include <QByteArray>
#include <QList>
#include <QObject>

/// Test-side MLLP reader for a raw socket: collects every frame the peer sends. Declare it before the
/// socket so that it outlives it.
struct FrameCollector
{
    MllpFrameDecoder decoder;
    QList<QByteArray> frames;

    void attach(QAbstractSocket* socket)
    {
        QObject::connect(socket, &QIODevice::readyRead, socket, [this, socket] {
            for (const MllpFrameDecoder::Event& event : decoder.feed(socket->readAll())) {
                if (event.isFrame)
                    frames.append(event.payload);
            }
        });
    }
};
