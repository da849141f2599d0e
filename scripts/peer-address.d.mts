/** scripts/peer-address.mjs exports nothing: importing it patches http.Server (see that file). */
export {};
