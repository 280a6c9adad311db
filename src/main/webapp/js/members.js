// Who is here now, drawn from the list the server gives (GET …/members), never pieced together from events, so
// replayed joins and leaves cannot leave a stale name behind.

import { hue, initials, sameName } from './names.js';

export function renderMembers(list, counts, members, self) {
    const items = members.map(({ username }) => {
        const item = document.createElement('li');
        item.dataset.hue = String(hue(username));
        const avatar = document.createElement('span');
        avatar.className = 'avatar small';
        avatar.setAttribute('aria-hidden', 'true');
        avatar.textContent = initials(username);
        const name = document.createElement('bdi');
        name.className = 'who';
        name.textContent = username;
        item.append(avatar, name);
        if (sameName(username, self)) {
            const you = document.createElement('span');
            you.className = 'you';
            you.textContent = '(you)';
            item.append(you);
        }
        return item;
    });
    list.replaceChildren(...items);
    for (const count of counts) count.textContent = String(members.length);
}
