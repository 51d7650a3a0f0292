// Accessibility repairs the components' own markup needs. Keyboard access to scrollable regions (WCAG 2.1.1): a table that overflows its container on a narrow screen can
// be focused with Tab and scrolled with the arrow keys. Containers that fit take no tab stop.
(() => {
    // Any overflow counts, even a pixel of rounding: axe (and a keyboard) treats the box as scrollable then.
    const scrollable = el => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight;
    // MudBlazor's menu wraps its activator in a div that is itself a button (role, tab stop) around our real button:
    // two nested controls for one action (axe: nested-interactive). The inner button opens the menu, so the wrapper
    // steps aside.
    const unnest = () => {
        document.querySelectorAll('.mud-menu-activator[role="button"]').forEach(el => {
            if (el.querySelector('button, a[href], input, [tabindex]:not([tabindex="-1"])')) {
                el.removeAttribute('role');
                el.removeAttribute('tabindex');
                el.removeAttribute('aria-haspopup');
                el.removeAttribute('aria-expanded');
            }
        });
    };
    const mark = () => {
        unnest();
        document.querySelectorAll('.mud-table-container').forEach(el => {
            if (scrollable(el)) {
                if (!el.hasAttribute('tabindex')) {
                    el.tabIndex = 0;
                    el.setAttribute('role', 'region');
                    const table = el.closest('[aria-label]');
                    el.setAttribute('aria-label', table ? table.getAttribute('aria-label') : 'Table, scrolls sideways');
                    el.dataset.a11yScroll = 'true';
                }
            } else if (el.dataset.a11yScroll === 'true') {
                el.removeAttribute('tabindex');
                el.removeAttribute('role');
                el.removeAttribute('aria-label');
                delete el.dataset.a11yScroll;
            }
        });
    };
    let queued = false;
    const schedule = () => {
        if (!queued) {
            queued = true;
            requestAnimationFrame(() => { queued = false; mark(); });
        }
    };
    // A table can start to overflow with no change to the page and no resize of the window: the drawer sliding open
    // narrows the content beside it. Each table container and its table are watched for size changes too.
    const sizes = new ResizeObserver(schedule);
    const watched = new WeakSet();
    const watch = () => {
        document.querySelectorAll('.mud-table-container').forEach(el => {
            if (!watched.has(el)) {
                watched.add(el);
                sizes.observe(el);
                if (el.firstElementChild) {
                    sizes.observe(el.firstElementChild);
                }
            }
        });
    };
    new MutationObserver(() => { watch(); schedule(); }).observe(document.documentElement, { childList: true, subtree: true });
    window.addEventListener('resize', schedule);
    watch();
    schedule();
})();

// Escape closes the newest celebration (the level-up dialog, else the newest achievement card) wherever the focus is, as
// its close button does: the key clicks that button (a plain event, no call to .NET). An open MudBlazor dialog or menu
// (or one drawn as its markup) handles its own Escape first.
document.addEventListener('keydown', e => {
    if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('.mud-dialog-container, .mud-popover-open')) {
        return;
    }
    const cards = document.querySelectorAll('#achievement-celebration .achievement-close');
    (document.getElementById('level-up-close') ?? cards[cards.length - 1])?.click();
});

// Focus for the level-up celebration's close button when it opens (PointsIndicator).
window.gamificationA11y = {
    focus: selector => { document.querySelector(selector)?.focus(); },
};

// Tooltips drawn by CSS (.css-tip, data-tip: app.css) show on hover and on keyboard focus; Escape hides them until the
// pointer reaches another one or the focus moves (WCAG 1.4.13: dismissible without moving the pointer or the focus).
(() => {
    const root = document.documentElement;
    let dismissed = null;
    document.addEventListener('keydown', e => {
        if (e.key === 'Escape') {
            dismissed = document.querySelector('.css-tip:hover');
            root.classList.add('css-tips-dismissed');
        }
    });
    const restore = () => {
        dismissed = null;
        root.classList.remove('css-tips-dismissed');
    };
    document.addEventListener('focusin', restore);
    document.addEventListener('pointerover', e => {
        const tip = e.target instanceof Element ? e.target.closest('.css-tip') : null;
        if (tip && tip !== dismissed) {
            restore();
        }
    });
})();

// Menus drawn as MudMenu's markup ([data-app-menu]: the notification bell, the user menu) follow the WAI-ARIA menu
// button pattern. The server opens and closes the list (a click on the button, Escape, Tab, a click outside); the focus
// is moved here, in the browser alone, with no call to .NET: into the list when it opens from its button (the first
// item; the last one when ArrowUp opened it), between the items with the arrow keys, Home and End, back to the button on
// Escape, and to the first item when the focused one goes from the open list (a "mark all read" done, say). Enter and
// Space choose an item that is not a link or a button of its own.
(() => {
    const opener = root => root.querySelector('[aria-haspopup="menu"]');
    const itemsOf = list => [...list.querySelectorAll('[role="menuitem"]')];
    const seen = new WeakSet();
    let wanted = 'first';
    let lastItem = null;
    let lastList = null;
    const focusItem = (list, which) => {
        const items = itemsOf(list);
        (which === 'last' ? items[items.length - 1] : items[0])?.focus();
    };
    document.addEventListener('keydown', e => {
        const root = e.target instanceof Element ? e.target.closest('[data-app-menu]') : null;
        if (!root) {
            return;
        }
        const button = opener(root);
        const list = root.querySelector('[role="menu"]');
        if (e.target === button) {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault();
                wanted = e.key === 'ArrowUp' ? 'last' : 'first';
                if (list) {
                    focusItem(list, wanted);
                } else {
                    button.click();
                }
            }
            return;
        }
        const item = list && e.target.closest('[role="menuitem"]');
        if (!item || !list.contains(item)) {
            return;
        }
        const items = itemsOf(list);
        const at = items.indexOf(item);
        let next = null;
        switch (e.key) {
            case 'ArrowDown': next = items[(at + 1) % items.length]; break;
            case 'ArrowUp': next = items[(at - 1 + items.length) % items.length]; break;
            case 'Home': next = items[0]; break;
            case 'End': next = items[items.length - 1]; break;
            case 'Escape': button?.focus(); return;
            case 'Enter':
            case ' ':
                // Links follow Enter and buttons both keys by themselves.
                if (item.getAttribute('aria-disabled') !== 'true' && !(item instanceof HTMLButtonElement)
                    && !(e.key === 'Enter' && item instanceof HTMLAnchorElement)) {
                    e.preventDefault();
                    item.click();
                }
                return;
            default: return;
        }
        e.preventDefault();
        next?.focus();
    });
    document.addEventListener('focusin', e => {
        if (e.target instanceof Element && e.target.matches('[data-app-menu] [role="menuitem"]')) {
            lastItem = e.target;
            lastList = e.target.closest('[role="menu"]');
        }
    });
    new MutationObserver(() => {
        document.querySelectorAll('[data-app-menu] [role="menu"]').forEach(list => {
            if (!seen.has(list)) {
                // Just opened: from its button (clicked, or a key on it), the focus goes into the list.
                seen.add(list);
                if (document.activeElement === opener(list.closest('[data-app-menu]'))) {
                    focusItem(list, wanted);
                }
                wanted = 'first';
            } else if (lastItem && !lastItem.isConnected && lastList === list
                && (document.activeElement === document.body || document.activeElement === null)) {
                focusItem(list, 'first');
            }
        });
        if (lastItem && !lastItem.isConnected) {
            lastItem = lastList = null;
        }
    }).observe(document.documentElement, { childList: true, subtree: true });
})();
