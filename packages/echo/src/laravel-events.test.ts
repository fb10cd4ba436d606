import { describe, expect, it } from 'vitest';
import {
  modelChannelName,
  modelEventNames,
  notificationTypeFilter,
  toEventList,
  toLaravelConnectionStatus,
} from './laravel-events';

describe('Laravel event names', () => {
  it('accepts a notification type in dotted or backslashed form', () => {
    const accepts = notificationTypeFilter(['App.Notifications.InvoicePaid']);
    expect(accepts('App\\Notifications\\InvoicePaid')).toBe(true);
    expect(accepts('App.Notifications.InvoicePaid')).toBe(true);
    expect(accepts('App\\Notifications\\Other')).toBe(false);
    expect(notificationTypeFilter(['App\\Notifications\\X'])('App.Notifications.X')).toBe(true);
  });

  it('accepts every notification type when none is given', () => {
    expect(notificationTypeFilter([])('Anything')).toBe(true);
  });

  it('names model channels and prefixes model events with a dot once', () => {
    expect(modelChannelName('App.Models.User', 7)).toBe('App.Models.User.7');
    expect(modelEventNames(['UserUpdated', '.UserDeleted'])).toEqual([
      '.UserUpdated',
      '.UserDeleted',
    ]);
    expect(modelEventNames('UserCreated')).toEqual(['.UserCreated']);
    expect(toEventList(undefined)).toEqual([]);
  });

  it("maps Herald's unavailable onto laravel-echo's reconnecting", () => {
    expect(toLaravelConnectionStatus('unavailable')).toBe('reconnecting');
    expect(toLaravelConnectionStatus('connected')).toBe('connected');
    expect(toLaravelConnectionStatus('failed')).toBe('failed');
  });
});
