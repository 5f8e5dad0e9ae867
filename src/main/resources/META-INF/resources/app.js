'use strict';

// Same-origin requests only: the browser then sends the HttpOnly session cookie by itself and an Origin that
// matches the Host, which is what the service's cross-site request check lets through.
const API = '/api/v1';

const page = {
    error: document.getElementById('error'),
    login: document.getElementById('login'),
    loginForm: document.getElementById('login-form'),
    email: document.getElementById('email'),
    password: document.getElementById('password'),
    loginButton: document.getElementById('login-button'),
    account: document.getElementById('account'),
    meEmail: document.getElementById('me-email'),
    meName: document.getElementById('me-name'),
    meRole: document.getElementById('me-role'),
    logoutButton: document.getElementById('logout-button'),
    sessions: document.querySelector('#sessions tbody'),
};

/** A failed call, carrying the message of the API's {"error": ...} body. */
class ApiError extends Error {
    constructor(status, message) {
        super(message);
        this.status = status;
    }

    /** 401 and 403 mean there is no valid session (any more): the answer is the login form, not an error. */
    get signedOut() {
        return this.status === 401 || this.status === 403;
    }
}

/** The parsed JSON body of a successful call, with the answer's headers. */
async function exchange(method, path, body, contentType) {
    const headers = { Accept: 'application/json' };
    if (contentType) {
        headers['Content-Type'] = contentType;
    }
    let response;
    try {
        response = await fetch(API + path, { method, body, headers });
    } catch (e) {
        throw new ApiError(0, 'The service could not be reached.');
    }
    const text = await response.text();
    let data = null;
    try {
        data = text ? JSON.parse(text) : null;
    } catch (e) {
        // A proxy's HTML error page, say: fall back to the status below.
    }
    if (!response.ok) {
        const message = data && typeof data.error === 'string' ? data.error : `Request failed (${response.status})`;
        throw new ApiError(response.status, message);
    }
    return { data, headers: response.headers };
}

async function call(method, path, body) {
    return (await exchange(method, path, body)).data;
}

async function callJson(method, path, body) {
    return (await exchange(method, path, body, 'application/json')).data;
}

function showError(message) {
    page.error.textContent = message;
    page.error.hidden = false;
}

function clearError() {
    page.error.textContent = '';
    page.error.hidden = true;
}

/** Shows the error, or the login form when the failure means the session is gone. */
function handleFailure(e) {
    if (e instanceof ApiError && e.signedOut) {
        showLogin();
        return;
    }
    showError(e.message);
}

function showLogin() {
    page.account.hidden = true;
    page.sessions.replaceChildren();
    hideGroups();
    page.password.value = '';
    page.login.hidden = false;
    page.email.focus();
}

async function showAccount(user) {
    page.meEmail.textContent = user.email;
    const name = [user.first_name, user.last_name].filter(Boolean).join(' ');
    page.meName.textContent = name || '—';
    page.meRole.textContent = user.role;
    page.login.hidden = true;
    page.account.hidden = false;
    await loadSessions();
    await showGroups(user);
}

/** Every page of the list: the service answers at most 100 sessions at a time, with a cursor for the rest. */
async function loadSessions() {
    const sessions = [];
    let cursor = null;
    do {
        const query = cursor === null ? '' : `?cursor=${encodeURIComponent(cursor)}`;
        const { data, headers } = await exchange('GET', `/auth_session/sessions${query}`);
        sessions.push(...data);
        cursor = headers.get('X-Next-Cursor');
    } while (cursor !== null);
    page.sessions.replaceChildren(...sessions.map(sessionRow));
}

function sessionRow(session) {
    const row = document.createElement('tr');
    row.dataset.sessionId = session.id;
    row.dataset.current = String(session.current);
    // textContent, never innerHTML: the user agent is whatever a client sent.
    for (const value of [session.user_agent || 'Unknown', session.ip_address || '', timestamp(session.created_at),
        timestamp(session.last_seen_at)]) {
        const cell = document.createElement('td');
        cell.textContent = value;
        row.append(cell);
    }
    const action = document.createElement('td');
    if (session.current) {
        action.textContent = 'This session';
        action.className = 'current';
    } else {
        const revoke = document.createElement('button');
        revoke.type = 'button';
        revoke.className = 'revoke-button';
        revoke.textContent = 'Revoke';
        revoke.addEventListener('click', () => run(revoke, () => revokeSession(session.id)));
        action.append(revoke);
    }
    row.append(action);
    return row;
}

/** The API's UTC timestamps ("2026-11-22T01:10:42") as they read in the table's UTC columns. */
function timestamp(value) {
    return value ? value.replace('T', ' ') : '';
}

async function login() {
    const form = new URLSearchParams({ email: page.email.value, password: page.password.value });
    const user = await call('POST', '/auth_session/login', form);
    page.password.value = '';
    await showAccount(user);
}

async function revokeSession(id) {
    await call('DELETE', `/auth_session/sessions/${encodeURIComponent(id)}`);
    await loadSessions();
}

async function logout() {
    await call('DELETE', '/auth_session/logout');
    showLogin();
}

/** Runs one user action with its button disabled, so a double click cannot send it twice. */
async function run(button, action) {
    clearError();
    button.disabled = true;
    try {
        await action();
    } catch (e) {
        handleFailure(e);
    } finally {
        button.disabled = false;
    }
}

page.loginForm.addEventListener('submit', (event) => {
    event.preventDefault();
    // A failed login is reported as it is (401 "wrong password"), not treated as an ended session.
    clearError();
    page.loginButton.disabled = true;
    login()
        .catch((e) => showError(e.message))
        .finally(() => {
            page.loginButton.disabled = false;
        });
});

page.logoutButton.addEventListener('click', () => run(page.logoutButton, logout));

// The cookie is HttpOnly, so asking the service is the only way to know whether this browser is signed in.
call('GET', '/users/me')
    .then(showAccount)
    .catch(handleFailure);
