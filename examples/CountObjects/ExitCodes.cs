namespace Fleetbook.Examples.CountObjects;

public static class ExitCodes
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    public const int DeliberateFailure = 3;
}
