#pragma once

#include "FrontDoorLimits.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Gatehouse {

// Reads the client's byte stream as HTTP/1.x requests, one after another, and decides what may
// reach the HTTP server: a request head only once it is complete and within the limits, a body
// only up to the limit (announced by Content-Length, or counted while chunked). Everything that
// passes is handed on unchanged. Knows nothing of sockets, so it can be tested byte by byte.
class RequestGate
{
public:
    struct Refusal
    {
        int status = 0;
        QByteArray reason; // status line text
        QString message;   // for the JSON body
    };

    explicit RequestGate(const FrontDoorLimits &limits);

    // Consumes all of bytes, appending what may pass to *pass. False once the stream must be
    // refused (refusal() says how); from then on nothing passes.
    bool feed(QByteArrayView bytes, QByteArray *pass);

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
    bool headComplete(QByteArray *pass);
    bool chunkSizeLine(const QByteArray &line);
    void requestComplete();

    FrontDoorLimits m_limits;
    State m_state = State::Head;
    QByteArray m_head;
    QByteArray m_line; // chunk size or trailer line being read
    qint64 m_remaining = 0;
    qint64 m_bodyBytes = 0;
    qint64 m_bodyLimit = 0; // the current request's, by its route
    qsizetype m_trailerBytes = 0;
    bool m_closeAfter = false;
    bool m_expectContinue = false;
    int m_completed = 0;
    int m_closingRequest = -1; // the request that asked to close, if any
    Refusal m_refusal;
};

} // namespace Gatehouse
