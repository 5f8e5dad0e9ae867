'use strict';

// The account page's groups: the signed-in user's groups, and for an administrator a simple view to create groups
// and add or remove members. Uses call() and run() of app.js, which is loaded first.

const groupsPage = {
    meGroups: document.getElementById('me-groups'),
    admin: document.getElementById('groups-admin'),
    list: document.getElementById('group-list'),
    createForm: document.getElementById('group-create-form'),
    name: document.getElementById('group-name'),
    createButton: document.getElementById('group-create-button'),
    memberForm: document.getElementById('member-form'),
    memberGroup: document.getElementById('member-group'),
    memberUser: document.getElementById('member-user'),
    addButton: document.getElementById('member-add-button'),
    removeButton: document.getElementById('member-remove-button'),
};

/** Called by app.js whenever the account is shown. */
async function showGroups(user) {
    groupsPage.meGroups.textContent = user.groups && user.groups.length ? user.groups.join(', ') : '—';
    groupsPage.admin.hidden = user.role !== 'admin';
    if (user.role === 'admin') {
        await loadGroupList();
    }
}

function hideGroups() {
    groupsPage.admin.hidden = true;
    groupsPage.list.replaceChildren();
}

/** Every page of the group list: the service answers at most 100 groups at a time, with a cursor for the rest. */
async function loadGroupList() {
    const groups = [];
    let cursor = null;
    do {
        const query = cursor === null ? '' : `?cursor=${encodeURIComponent(cursor)}`;
        const { data, headers } = await exchange('GET', `/groups${query}`);
        groups.push(...data);
        cursor = headers.get('X-Next-Cursor');
    } while (cursor !== null);
    groupsPage.list.replaceChildren(...groups.map((group) => {
        const item = document.createElement('li');
        item.dataset.group = group.name;
        // textContent, never innerHTML: descriptions are whatever an administrator typed.
        item.textContent = group.description ? `${group.name} — ${group.description}` : group.name;
        return item;
    }));
}

/** A user id as typed, or the id of the user with the typed email (the administrator's user list). */
async function memberId(typed) {
    const value = typed.trim();
    if (!value.includes('@')) {
        return value;
    }
    const users = await call('GET', '/users');
    const user = users.find((candidate) => candidate.email === value.toLowerCase());
    if (!user) {
        throw new ApiError(404, 'No user with this email.');
    }
    return user.id;
}

async function changeMember(method) {
    const id = await memberId(groupsPage.memberUser.value);
    const path = `/groups/${encodeURIComponent(groupsPage.memberGroup.value.trim())}/members/${encodeURIComponent(id)}`;
    await call(method, path);
    await refreshMe();
}

async function createGroup() {
    const body = JSON.stringify({ name: groupsPage.name.value.trim() });
    await callJson('POST', '/groups', body);
    groupsPage.name.value = '';
    await loadGroupList();
}

/** The administrator may have changed their own groups. */
async function refreshMe() {
    await showGroups(await call('GET', '/users/me'));
}

groupsPage.createForm.addEventListener('submit', (event) => {
    event.preventDefault();
    run(groupsPage.createButton, createGroup);
});

groupsPage.memberForm.addEventListener('submit', (event) => {
    event.preventDefault();
    run(groupsPage.addButton, () => changeMember('PUT'));
});

groupsPage.removeButton.addEventListener('click', () => run(groupsPage.removeButton, () => changeMember('DELETE')));
