// libFuzzer target for MllpFrameDecoder: arbitrary bytes, split into reads at fuzzer-chosen offsets.
// Invariants checked on every input:
//  - the events do not depend on how the bytes were split into reads;
//  - no frame is larger than maxFrameBytes, and no payload holds SB or EB;
//  - every input byte is accounted for (frames, junk, corrupt frames, the open frame) unless an oversize
//    frame was discarded;
//  - re-framing the decoded payloads decodes to the same payloads, with no error.
#include "net/mllp/MllpFrameDecoder.h"

#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

using Events = QList<MllpFrameDecoder::Event>;

[[noreturn]] void violated(const char* what)
{
    std::fprintf(stderr, "invariant violated: %s\n", what);
    std::abort();
}

Events decode(
    QByteArrayView input, const std::vector<qsizetype>& cuts, qsizetype maxFrameBytes, MllpFrameDecoder* out = nullptr)
{
    MllpFrameDecoder decoder(maxFrameBytes);
    Events events;
    qsizetype from = 0;
    for (qsizetype cut : cuts) {
        events += decoder.feed(input.sliced(from, cut - from));
        from = cut;
    }
    events += decoder.feed(input.sliced(from));
    if (out)
        *out = decoder; // the state before finish(), to inspect the open frame
    events += decoder.finish();
    return events;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    // Parameters come from the end of the input, the byte stream from the start, so a plain framed
    // sample is a useful seed as it is.
    FuzzedDataProvider provider(data, size);
    const qsizetype maxFrameBytes
        = provider.ConsumeBool() ? provider.ConsumeIntegralInRange<qsizetype>(0, 64) : qsizetype(1024 * 1024);
    const int cutCount = provider.ConsumeIntegralInRange<int>(0, 16);
    std::vector<uint16_t> cutSeeds;
    for (int i = 0; i < cutCount; ++i)
        cutSeeds.push_back(provider.ConsumeIntegral<uint16_t>());
    const std::vector<uint8_t> bytes = provider.ConsumeRemainingBytes<uint8_t>();
    const QByteArrayView input(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));

    std::vector<qsizetype> cuts;
    for (uint16_t seed : cutSeeds)
        cuts.push_back(qsizetype(seed) % (input.size() + 1));
    std::sort(cuts.begin(), cuts.end());

    MllpFrameDecoder whole(maxFrameBytes);
    const Events reference = decode(input, {}, maxFrameBytes, &whole);
    if (decode(input, cuts, maxFrameBytes) != reference)
        violated("split reads decode differently from one read");

    std::vector<qsizetype> everyByte;
    if (input.size() <= 512) {
        for (qsizetype i = 1; i < input.size(); ++i)
            everyByte.push_back(i);
        if (decode(input, everyByte, maxFrameBytes) != reference)
            violated("byte-by-byte reads decode differently from one read");
    }

    qsizetype accounted = 0;
    bool oversize = false;
    QByteArray reframed;
    QList<QByteArray> payloads;
    for (const MllpFrameDecoder::Event& event : reference) {
        if (event.isFrame) {
            if (event.payload.size() > maxFrameBytes)
                violated("frame larger than maxFrameBytes");
            if (event.payload.contains(MllpFrameDecoder::StartBlock)
                || event.payload.contains(MllpFrameDecoder::EndBlock))
                violated("payload holds SB or EB");
            accounted += event.payload.size() + 3;
            reframed += MllpFrameDecoder::wrap(event.payload);
            payloads.append(event.payload);
        } else if (event.error == MllpFrameDecoder::Error::Oversize) {
            oversize = true;
        } else {
            if (event.byteCount <= 0)
                violated("error event without bytes");
            accounted += event.byteCount;
        }
    }
    if (!oversize) {
        // An open frame holds its SB and payload, plus an EB not yet followed by CR.
        const qsizetype open = whole.inFrame() ? 1 + whole.bufferedBytes() : 0;
        if (accounted + open != input.size() && accounted + open + 1 != input.size())
            violated("bytes lost or double-counted");
    }

    MllpFrameDecoder again(maxFrameBytes);
    const Events replay = again.feed(reframed);
    if (replay.size() != payloads.size() || again.inFrame())
        violated("re-framed payloads do not decode to themselves");
    for (qsizetype i = 0; i < replay.size(); ++i) {
        if (!replay.at(i).isFrame || replay.at(i).payload != payloads.at(i))
            violated("re-framed payloads do not decode to themselves");
    }
    return 0;
}
