// Sign in: a name is all this example asks; the server puts it in a signed session cookie.
import { useState, type FormEvent } from 'react';
import type { ChatUser } from '../chat-model';

export function SignIn({ onSignedIn }: { onSignedIn: (user: ChatUser) => void }) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const response = await fetch('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name }),
    });
    const body = (await response.json()) as ChatUser & { error?: string };
    if (response.ok) onSignedIn(body);
    else setError(body.error ?? 'Could not sign in.');
  };
  return (
    <main className="sign-in">
      <h1>Herald chat</h1>
      <form
        onSubmit={(event) => void submit(event)}
        aria-describedby={error === null ? undefined : 'sign-in-error'}
      >
        <label htmlFor="name">Your name</label>
        <input
          id="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoComplete="nickname"
          maxLength={40}
          required
          autoFocus
        />
        <button type="submit">Join the chat</button>
        {error !== null && (
          <p id="sign-in-error" role="alert" className="error">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
