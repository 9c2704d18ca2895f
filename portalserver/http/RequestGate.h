#pragma once

#include "FrontDoorLimits.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace Gatehouse {

// Reads the client's byte stream as HTTP/1.x requests, one after another, and decides what may
// reach the HTTP server: a request head only once it is complete and within the limits, a body
// only up to the limit (announced by Content-Length, or counted while chunked). Everything that
// passes is handed on unchanged, except the bodies of routes that spool them (FrontDoorLimits):
// those go to the sink's spool, their head held back until the body is complete. Headers named
// Gatehouse-Internal-* are the server's own; a request that carries one is refused. Knows
// nothing of sockets, so it can be tested byte by byte.
class RequestGate
{
public:
    struct Refusal
    {
        int status = 0;
        QByteArray reason; // status line text
        QString message;   // for the JSON body
        QByteArray code;   // the JSON body's code; empty: the reason, lower-cased
    };

    // Where what the gate lets through goes, in the order it arrives.
    class Sink
    {
    public:
        virtual ~Sink() = default;
        // Bytes for the HTTP server, unchanged.
        virtual void pass(QByteArrayView bytes) = 0;
        // A request whose body is spooled starts: its head rewritten to announce no body (the
        // framing headers and Expect removed, "Content-Length: 0" added), without the blank line
        // that ends it. Its body follows through spoolBody() (without chunk framing), then
        // spoolEnd() once it is complete.
        virtual void spoolStart(const QByteArray &head) = 0;
        virtual void spoolBody(QByteArrayView bytes) = 0;
        virtual void spoolEnd() = 0;
        // A request whose route allows a larger body than maxBodyBytes announces one (its head,
        // complete): a refusal stops it before a byte of the body is read.
        virtual std::optional<Refusal> admitLargeBody(const QByteArray &head)
        {
            Q_UNUSED(head)
            return std::nullopt;
        }
    };

    static constexpr QByteArrayView kInternalHeaderPrefix = "gatehouse-internal-";

    explicit RequestGate(const FrontDoorLimits &limits);

    // Consumes all of bytes into sink. False once the stream must be refused (refusal() says
    // how); from then on nothing passes.
    bool feed(QByteArrayView bytes, Sink &sink);

    bool isBetweenRequests() const { return m_state == State::Head && m_head.isEmpty(); }
    bool isReadingHead() const { return m_state == State::Head && !m_head.isEmpty(); }
    bool isReadingBody() const;
    bool isRefused() const { return m_state == State::Refused; }
    // The client asked to close after the last complete request; later bytes are dropped.
    bool isClosing() const { return m_state == State::Closing; }

    int completedRequests() const { return m_completed; }
    // Whether request n (0-based, in order) asked the connection to close after its response.
    bool closesAfter(int request) const { return request == m_closingRequest; }
    // The current request's head asked for "100 Continue" and its body is acceptable; reading
    // it clears the flag.
    bool takeExpectContinue();
    const Refusal &refusal() const { return m_refusal; }

private:
    enum class State { Head, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailer, Closing, Refused };

    bool refuse(int status, const char *reason, const QString &message);
    bool headComplete(Sink &sink);
    // Body bytes: to the spool for a spooled request, else passed on.
    void body(QByteArrayView bytes, Sink &sink);
    // Chunk framing: dropped for a spooled request, else passed on.
    void framing(QByteArrayView bytes, Sink &sink);
    bool chunkSizeLine(const QByteArray &line);
    void requestComplete(Sink &sink);

    FrontDoorLimits m_limits;
    State m_state = State::Head;
    QByteArray m_head;
    QByteArray m_line; // chunk size or trailer line being read
    qint64 m_remaining = 0;
    qint64 m_bodyBytes = 0;
    qint64 m_bodyLimit = 0; // the current request's, by its route
    qsizetype m_trailerBytes = 0;
    bool m_closeAfter = false;
    bool m_spooling = false; // the current request's body goes to the spool
    bool m_expectContinue = false;
    int m_completed = 0;
    int m_closingRequest = -1; // the request that asked to close, if any
    Refusal m_refusal;
};

} // namespace Gatehouse
