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

// Escape closes the newest celebration (the level-up dialog, else the newest achievement card) wherever the focus is;
// an open MudBlazor dialog or menu handles its own Escape first. Listeners of closed tabs drop out when they fail.
window.gamificationA11y = (() => {
    const listeners = new Set();
    document.addEventListener('keydown', async e => {
        if (e.key !== 'Escape' || e.defaultPrevented || document.querySelector('.mud-dialog-container, .mud-popover-open')) {
            return;
        }
        for (const listener of [...listeners].reverse()) {
            try {
                if (await listener.invokeMethodAsync('DismissNewest')) {
                    return;
                }
            } catch {
                listeners.delete(listener);
            }
        }
    });
    return {
        listenEscape: listener => { listeners.add(listener); },
        focus: selector => { document.querySelector(selector)?.focus(); },
    };
})();

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
