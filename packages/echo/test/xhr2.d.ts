// xhr2 ships no types; it implements the standard XMLHttpRequest.
declare module 'xhr2' {
  const XMLHttpRequestForNode: typeof globalThis.XMLHttpRequest;
  export default XMLHttpRequestForNode;
}
