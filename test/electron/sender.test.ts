import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../electron/main/sender';

function fakeWindow(url = 'netloom://app/index.html') {
  const mainFrame = { url };
  const webContents = { mainFrame };
  let destroyed = false;
  return {
    window: { webContents, isDestroyed: () => destroyed },
    mainFrame,
    webContents,
    destroy: () => {
      destroyed = true;
    },
  };
}

describe('isTrustedSender', () => {
  it('accepts the main frame of our window showing the app', () => {
    const { window, mainFrame, webContents } = fakeWindow();
    expect(isTrustedSender({ sender: webContents, senderFrame: mainFrame }, window)).toBe(true);
  });

  it('rejects a subframe of our window even if it claims the app URL', () => {
    const { window, webContents } = fakeWindow();
    const iframe = { url: 'netloom://app/index.html' };
    expect(isTrustedSender({ sender: webContents, senderFrame: iframe }, window)).toBe(false);
  });

  it('rejects our main frame once it shows a foreign URL', () => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'netloom://other/index.html', 'not a url']) {
      const { window, mainFrame, webContents } = fakeWindow(url);
      expect(isTrustedSender({ sender: webContents, senderFrame: mainFrame }, window)).toBe(false);
    }
  });

  it('rejects another webContents, a missing frame and a destroyed or absent window', () => {
    const ours = fakeWindow();
    const other = fakeWindow();
    expect(isTrustedSender({ sender: other.webContents, senderFrame: other.mainFrame }, ours.window)).toBe(false);
    expect(isTrustedSender({ sender: ours.webContents, senderFrame: null }, ours.window)).toBe(false);
    expect(isTrustedSender({ sender: ours.webContents, senderFrame: ours.mainFrame }, null)).toBe(false);
    ours.destroy();
    expect(isTrustedSender({ sender: ours.webContents, senderFrame: ours.mainFrame }, ours.window)).toBe(false);
  });
});
