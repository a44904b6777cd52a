using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace Compiled.Benchmarks.Baselines;

/// <summary>How the Rx.NET baselines receive their input.</summary>
internal static class RxSources
{
    /// <summary>
    /// An observable that pushes the array on the subscribing thread, as an in-process feed would; it avoids
    /// <c>ToObservable()</c>, whose scheduler hop per element would measure Rx's scheduling, not its operators.
    /// </summary>
    public static IObservable<T> FromArray<T>(T[] rows) => Observable.Create<T>(observer =>
    {
        foreach (T row in rows) observer.OnNext(row);
        observer.OnCompleted();
        return Disposable.Empty;
    });
}
