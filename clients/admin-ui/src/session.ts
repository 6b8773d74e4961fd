// The signed-in key lives in sessionStorage only: it is gone with the tab, never in a URL or localStorage.
const storageKey = "proxyadmin.key";

export function storedKey(): string | null {
    return sessionStorage.getItem(storageKey);
}

export function keepKey(key: string): void {
    sessionStorage.setItem(storageKey, key);
}

export function forgetKey(): void {
    sessionStorage.removeItem(storageKey);
}
