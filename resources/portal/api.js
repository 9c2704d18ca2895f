// The portal's JSON API (/api/v1, described in openapi.yaml). Errors arrive as
// {"error": "message for people", "code": "machine_code"}; the message is shown as is. The
// whole body stays on the error as `data`, for codes that carry more (a form's per-field
// messages in data.fields).

class ApiError extends Error {
    constructor(status, message, code, data) {
        super(message);
        this.name = "ApiError";
        this.status = status;
        this.code = code || "";
        this.data = data || null;
    }
}

function fallbackMessage(status) {
    if (status === 401) {
        return qsTr("Please sign in again.");
    }
    if (status === 403) {
        return qsTr("You do not have access to this.");
    }
    if (status === 404) {
        return qsTr("This could not be found.");
    }
    if (status === 429) {
        return qsTr("Too many attempts. Please wait a moment and try again.");
    }
    return Gatehouse.i18n.fmt(qsTr("Something went wrong (error %1). Please try again."), status);
}

// The session's CSRF token, from /api/v1/me; held in memory only, never in storage.
let csrfToken = "";

function request(method, path, body) {
    const init = {
        method: method,
        credentials: "same-origin",
        cache: "no-store",
        headers: { Accept: "application/json" },
    };
    if (method !== "GET" && csrfToken) {
        init.headers["X-CSRF-Token"] = csrfToken;
    }
    if (body !== undefined) {
        init.headers["Content-Type"] = "application/json";
        init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(
        function (response) {
            if (response.status === 204) {
                return null;
            }
            return response.text().then(function (text) {
                let data = null;
                if (text) {
                    try {
                        data = JSON.parse(text);
                    } catch (error) {
                        data = null;
                    }
                }
                if (!response.ok) {
                    const message =
                        data && typeof data.error === "string" && data.error
                            ? data.error
                            : fallbackMessage(response.status);
                    throw new ApiError(response.status, message, data && data.code, data);
                }
                return data;
            });
        },
        function () {
            throw new ApiError(
                0,
                qsTr("The portal could not be reached. Check your connection and try again."),
                "network"
            );
        }
    );
}

function me() {
    return request("GET", "/api/v1/me").then(function (data) {
        csrfToken = data && typeof data.csrfToken === "string" ? data.csrfToken : "";
        return data;
    });
}

// A state-changing request of a signed-in session: it must carry the CSRF token, so the token is
// fetched first when this page has not seen it yet.
function sessionRequest(method, path, body) {
    if (csrfToken) {
        return request(method, path, body);
    }
    return me().then(function () {
        return request(method, path, body);
    });
}

function taskPath(id) {
    return "/api/v1/tasks/" + encodeURIComponent(String(id));
}

// A file sent as the raw body of a POST (application/octet-stream) with the session's CSRF
// token, through XMLHttpRequest: its upload events give the progress fetch cannot.
// onProgress(percent) is called as bytes leave; resolves with the JSON answer.
function uploadFile(path, file, onProgress) {
    return new Promise(function (resolve, reject) {
        const xhr = new XMLHttpRequest();
        xhr.open("POST", path + "?name=" + encodeURIComponent(file.name));
        xhr.setRequestHeader("Content-Type", "application/octet-stream");
        xhr.setRequestHeader("Accept", "application/json");
        xhr.setRequestHeader("X-CSRF-Token", csrfToken);
        xhr.upload.addEventListener("progress", function (event) {
            if (event.lengthComputable) {
                onProgress(Math.round((event.loaded * 100) / event.total));
            }
        });
        xhr.addEventListener("load", function () {
            let data = null;
            try {
                data = JSON.parse(xhr.responseText);
            } catch (error) {
                data = null;
            }
            if (xhr.status >= 200 && xhr.status < 300) {
                resolve(data);
                return;
            }
            const message = data && typeof data.error === "string" && data.error ? data.error : fallbackMessage(xhr.status);
            reject(new ApiError(xhr.status, message, data && data.code));
        });
        xhr.addEventListener("error", function () {
            reject(new ApiError(0, qsTr("The portal could not be reached. Check your connection and try again."), "network"));
        });
        xhr.send(file);
    });
}

// Sizes as people read them: "512 bytes", "34 KB", "2.5 MB".
function formatSize(bytes) {
    const size = Number(bytes) || 0;
    if (size < 1024) {
        return Gatehouse.i18n.fmt(qsTr("%1 bytes"), size);
    }
    if (size < 1024 * 1024) {
        return Gatehouse.i18n.fmt(qsTr("%1 KB"), Math.round(size / 1024));
    }
    return Gatehouse.i18n.fmt(qsTr("%1 MB"), (size / (1024 * 1024)).toFixed(1));
}

globalThis.Gatehouse = globalThis.Gatehouse || {};
globalThis.Gatehouse.api = {
    ApiError: ApiError,
    branding: function () {
        return request("GET", "/api/v1/branding");
    },
    startInvite: function (token) {
        return request("POST", "/api/v1/auth/invite", { token: token });
    },
    startLogin: function (email) {
        return request("POST", "/api/v1/auth/login", { email: email });
    },
    verifyCode: function (challenge, code) {
        csrfToken = "";
        return request("POST", "/api/v1/auth/code", { challenge: challenge, code: code });
    },
    confirmMagic: function (token) {
        csrfToken = "";
        return request("POST", "/api/v1/auth/magic", { token: token });
    },
    signInWithPassword: function (email, password) {
        csrfToken = "";
        return request("POST", "/api/v1/auth/password", { email: email, password: password });
    },
    // The second step of a sign-in (ACC-10): a new session replaces the half-session, with a
    // CSRF token of its own.
    totpSecondStep: function (code) {
        return sessionRequest("POST", "/api/v1/auth/totp", { code: code }).then(function (result) {
            csrfToken = "";
            return result;
        });
    },
    totpStart: function () {
        return sessionRequest("POST", "/api/v1/account/totp/start", {});
    },
    totpConfirm: function (code) {
        return sessionRequest("POST", "/api/v1/account/totp/confirm", { code: code }).then(function (result) {
            if (result && result.signedIn) {
                csrfToken = "";
            }
            return result;
        });
    },
    totpRecoveryCodes: function () {
        return sessionRequest("POST", "/api/v1/account/totp/recovery-codes", {});
    },
    totpDisable: function (code) {
        return sessionRequest("POST", "/api/v1/account/totp/disable", { code: code });
    },
    // ACC-8: both open a new session with a CSRF token of its own.
    chooseAccount: function (id) {
        return sessionRequest("POST", "/api/v1/auth/choose", { account: id }).then(function (result) {
            csrfToken = "";
            return result;
        });
    },
    switchAccount: function (id) {
        return sessionRequest("POST", "/api/v1/account/switch", { account: id }).then(function (result) {
            csrfToken = "";
            return result;
        });
    },
    setPassword: function (password) {
        return sessionRequest("POST", "/api/v1/account/password", { password: password });
    },
    logout: function () {
        return sessionRequest("POST", "/api/v1/auth/logout", {}).then(function (result) {
            csrfToken = "";
            return result;
        });
    },
    me: me,
    impersonations: function () {
        return request("GET", "/api/v1/account/impersonations");
    },
    home: function () {
        return request("GET", "/api/v1/home");
    },
    task: function (id) {
        return request("GET", taskPath(id));
    },
    completeTask: function (id, note) {
        return sessionRequest("POST", taskPath(id) + "/complete", { note: note });
    },
    // For the task kinds' own routes: /api/v1/tasks/<id>/<suffix>.
    taskGet: function (id, suffix) {
        return request("GET", taskPath(id) + "/" + suffix);
    },
    taskPost: function (id, suffix, body) {
        return sessionRequest("POST", taskPath(id) + "/" + suffix, body === undefined ? {} : body);
    },
    taskUrl: function (id, suffix) {
        return taskPath(id) + "/" + suffix;
    },
    removeFile: function (id) {
        return sessionRequest("DELETE", "/api/v1/files/" + encodeURIComponent(String(id)));
    },
    questions: function () {
        return request("GET", "/api/v1/questions");
    },
    askQuestion: function (body) {
        return sessionRequest("POST", "/api/v1/questions", body);
    },
    removeDrop: function (id) {
        return sessionRequest("DELETE", "/api/v1/drops/" + encodeURIComponent(String(id)));
    },
    documents: function () {
        return request("GET", "/api/v1/documents");
    },
    pages: function () {
        return request("GET", "/api/v1/pages");
    },
    uploadFile: function (path, file, onProgress) {
        const send = function () {
            return uploadFile(path, file, onProgress);
        };
        return csrfToken ? send() : me().then(send);
    },
    formatSize: formatSize,
    csrfToken: function () {
        return csrfToken;
    },
};
